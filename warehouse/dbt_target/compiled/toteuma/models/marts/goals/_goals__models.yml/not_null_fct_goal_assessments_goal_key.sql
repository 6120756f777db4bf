
    
    



select *
from "toteuma"."marts"."fct_goal_assessments"
where goal_key is null


