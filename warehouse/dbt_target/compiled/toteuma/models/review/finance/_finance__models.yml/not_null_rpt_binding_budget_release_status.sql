
    
    



select *
from "toteuma"."review"."binding_budget"
where release_status is null


