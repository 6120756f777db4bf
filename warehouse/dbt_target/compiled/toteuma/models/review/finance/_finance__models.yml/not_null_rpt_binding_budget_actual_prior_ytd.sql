
    
    



select *
from "toteuma"."review"."binding_budget"
where actual_prior_ytd is null


