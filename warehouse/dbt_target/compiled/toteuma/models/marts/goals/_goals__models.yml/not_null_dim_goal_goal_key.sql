
    
    



select *
from "toteuma"."marts"."dim_goal"
where goal_key is null


