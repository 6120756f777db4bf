
    
    



select *
from "toteuma"."marts"."dim_indicator"
where indicator_key is null


