
    
    

with child as (
    select line_code as from_field
    from "toteuma"."marts"."fct_forecasts"
    where line_code is not null
),

parent as (
    select line_code as to_field
    from "toteuma"."marts"."dim_report_line"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


