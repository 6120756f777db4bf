
    
    

with child as (
    select goal_key as from_field
    from "toteuma"."marts"."fct_goal_assessments"
    where goal_key is not null
),

parent as (
    select goal_key as to_field
    from "toteuma"."marts"."dim_goal"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


