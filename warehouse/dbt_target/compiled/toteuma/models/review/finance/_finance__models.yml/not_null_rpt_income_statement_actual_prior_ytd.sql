
    
    



select *
from "toteuma"."review"."income_statement"
where actual_prior_ytd is null


