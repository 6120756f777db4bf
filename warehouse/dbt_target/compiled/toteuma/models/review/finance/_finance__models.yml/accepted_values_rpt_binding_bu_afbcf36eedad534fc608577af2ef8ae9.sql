
    
    

with all_values as (

    select
        item_code as value_field,
        count(*) as n_records

    from "toteuma"."review"."binding_budget"
    group by item_code

)

select *
from all_values
where value_field not in (
    'TULOT','MENOT','NETTO'
)


