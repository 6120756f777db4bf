
    
    

with all_values as (

    select
        is_in_chart as value_field,
        count(*) as n_records

    from "toteuma"."intermediate"."int_accounts_mapped"
    group by is_in_chart

)

select *
from all_values
where value_field not in (
    'True'
)


