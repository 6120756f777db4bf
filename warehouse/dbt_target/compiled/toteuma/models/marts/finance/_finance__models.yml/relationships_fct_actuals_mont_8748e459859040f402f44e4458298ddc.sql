
    
    

with child as (
    select period_end_date as from_field
    from "toteuma"."marts"."fct_actuals_monthly"
    where period_end_date is not null
),

parent as (
    select calendar_date as to_field
    from "toteuma"."marts"."dim_period"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


