
    
    

with child as (
    select theme_code as from_field
    from "toteuma"."intermediate"."int_goal_themes_matched"
    where theme_code is not null
),

parent as (
    select theme_code as to_field
    from "toteuma"."marts"."dim_strategic_theme"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


