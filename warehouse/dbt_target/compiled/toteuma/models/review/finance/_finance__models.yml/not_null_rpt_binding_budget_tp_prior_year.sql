
    
    



select *
from "toteuma"."review"."binding_budget"
where tp_prior_year is null


