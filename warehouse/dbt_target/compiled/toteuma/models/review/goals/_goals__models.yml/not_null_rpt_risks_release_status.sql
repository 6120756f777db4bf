
    
    



select *
from "toteuma"."review"."risks"
where release_status is null


