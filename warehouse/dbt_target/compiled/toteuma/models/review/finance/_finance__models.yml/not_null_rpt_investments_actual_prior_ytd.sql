
    
    



select *
from "toteuma"."review"."investments"
where actual_prior_ytd is null


