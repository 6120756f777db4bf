
    
    

with child as (
    select component_code as from_field
    from "toteuma"."seeds"."report_line_components"
    where component_code is not null
),

parent as (
    select line_code as to_field
    from "toteuma"."seeds"."report_lines"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


