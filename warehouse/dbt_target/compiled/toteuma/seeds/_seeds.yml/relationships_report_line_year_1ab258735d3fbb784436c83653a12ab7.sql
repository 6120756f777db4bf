
    
    

with child as (
    select reported_as as from_field
    from "toteuma"."seeds"."report_line_year_mapping"
    where reported_as is not null
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


