
    
    



select *
from "toteuma"."review"."investments"
where municipality_code is null


