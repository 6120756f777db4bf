
    
    



select *
from "toteuma"."review"."projects"
where release_status is null


