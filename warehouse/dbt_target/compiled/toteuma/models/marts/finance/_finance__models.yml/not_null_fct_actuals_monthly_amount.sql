
    
    



select *
from "toteuma"."marts"."fct_actuals_monthly"
where amount is null


