
    
    

with all_values as (

    select
        kind as value_field,
        count(*) as n_records

    from "toteuma"."marts"."fct_indicator_values"
    group by kind

)

select *
from all_values
where value_field not in (
    'actual','target'
)


