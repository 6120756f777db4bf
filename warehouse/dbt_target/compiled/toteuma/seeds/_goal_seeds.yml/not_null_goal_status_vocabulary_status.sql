
    
    



select *
from "toteuma"."seeds"."goal_status_vocabulary"
where status is null


