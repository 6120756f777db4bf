
    
    

with all_values as (

    select
        goal_kind as value_field,
        count(*) as n_records

    from "toteuma"."marts"."dim_goal"
    group by goal_kind

)

select *
from all_values
where value_field not in (
    'binding','operational'
)


