
    
    



select *
from "toteuma"."review"."goal_status_summary"
where release_status is null


