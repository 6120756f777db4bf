
    
    



select *
from "toteuma"."review"."releases"
where municipality_code is null


