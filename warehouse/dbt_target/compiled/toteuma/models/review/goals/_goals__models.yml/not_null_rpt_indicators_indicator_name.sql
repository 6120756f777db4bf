
    
    



select *
from "toteuma"."review"."indicators"
where indicator_name is null


