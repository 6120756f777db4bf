
    
    



select *
from "toteuma"."review"."projects"
where municipality_code is null


