
    
    



select *
from "toteuma"."seeds"."binding_budget_items"
where item_code is null


