
    
    



select *
from "toteuma"."staging"."stg_goals__goal_files"
where reporting_date is null


