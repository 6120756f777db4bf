
    
    



select *
from "toteuma"."review"."investments"
where budget_amended is null


