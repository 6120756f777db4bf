
    
    



select *
from "toteuma"."review"."investments"
where tp_prior_year is null


