
    
    



select *
from "toteuma"."review"."indicators"
where municipality_code is null


