
    
    

select
    item_code as unique_field,
    count(*) as n_records

from "toteuma"."seeds"."binding_budget_items"
where item_code is not null
group by item_code
having count(*) > 1


