
    
    

with all_values as (

    select
        status_match_kind as value_field,
        count(*) as n_records

    from "toteuma"."intermediate"."int_goal_statuses_normalised"
    group by status_match_kind

)

select *
from all_values
where value_field not in (
    'exact','vocabulary','similarity','empty','unknown'
)


