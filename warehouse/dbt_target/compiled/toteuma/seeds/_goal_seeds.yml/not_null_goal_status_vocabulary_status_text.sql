
    
    



select *
from "toteuma"."seeds"."goal_status_vocabulary"
where status_text is null


