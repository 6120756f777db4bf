
    
    



select *
from "toteuma"."review"."binding_budget"
where budget_amended is null


