
    
    



select *
from "toteuma"."review"."binding_budget"
where remaining is null


