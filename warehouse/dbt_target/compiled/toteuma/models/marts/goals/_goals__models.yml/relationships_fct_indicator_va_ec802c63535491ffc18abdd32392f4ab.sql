
    
    

with child as (
    select indicator_key as from_field
    from "toteuma"."marts"."fct_indicator_values"
    where indicator_key is not null
),

parent as (
    select indicator_key as to_field
    from "toteuma"."marts"."dim_indicator"
)

select
    from_field

from child
left join parent
    on child.from_field = parent.to_field

where parent.to_field is null


