
    
    



select *
from "toteuma"."review"."risks"
where municipality_code is null


