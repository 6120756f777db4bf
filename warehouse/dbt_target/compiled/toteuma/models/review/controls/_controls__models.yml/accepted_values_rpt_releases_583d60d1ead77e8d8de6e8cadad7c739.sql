
    
    

with all_values as (

    select
        release_status as value_field,
        count(*) as n_records

    from "toteuma"."review"."releases"
    group by release_status

)

select *
from all_values
where value_field not in (
    'preliminary','approved'
)


