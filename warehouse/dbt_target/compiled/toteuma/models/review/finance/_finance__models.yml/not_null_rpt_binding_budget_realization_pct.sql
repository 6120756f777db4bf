
    
    



select *
from "toteuma"."review"."binding_budget"
where realization_pct is null


