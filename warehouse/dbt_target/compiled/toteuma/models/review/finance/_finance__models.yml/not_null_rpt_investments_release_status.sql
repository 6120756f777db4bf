
    
    



select *
from "toteuma"."review"."investments"
where release_status is null


