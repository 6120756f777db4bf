
    
    



select *
from "toteuma"."marts"."fct_risks"
where risk_key is null


