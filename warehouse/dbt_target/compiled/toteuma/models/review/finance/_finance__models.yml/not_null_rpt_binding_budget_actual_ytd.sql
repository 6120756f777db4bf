
    
    



select *
from "toteuma"."review"."binding_budget"
where actual_ytd is null


