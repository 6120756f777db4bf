
    
    



select *
from "toteuma"."review"."goal_status_summary"
where municipality_code is null


