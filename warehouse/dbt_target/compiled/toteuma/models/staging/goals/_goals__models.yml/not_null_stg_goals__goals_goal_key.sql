
    
    



select *
from "toteuma"."staging"."stg_goals__goals"
where goal_key is null


