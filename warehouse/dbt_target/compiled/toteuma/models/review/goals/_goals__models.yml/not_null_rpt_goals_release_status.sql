
    
    



select *
from "toteuma"."review"."goals"
where release_status is null


