
    
    



select *
from "toteuma"."marts"."dim_account"
where line_code is null


