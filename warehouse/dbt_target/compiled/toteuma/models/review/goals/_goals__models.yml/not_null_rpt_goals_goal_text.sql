
    
    



select *
from "toteuma"."review"."goals"
where goal_text is null


