
    
    



select *
from "toteuma"."review"."income_statement"
where budget_amended is null


