
    
    



select *
from "toteuma"."review"."goals"
where municipality_code is null


