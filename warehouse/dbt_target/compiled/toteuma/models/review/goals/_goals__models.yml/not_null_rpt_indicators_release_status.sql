
    
    



select *
from "toteuma"."review"."indicators"
where release_status is null


