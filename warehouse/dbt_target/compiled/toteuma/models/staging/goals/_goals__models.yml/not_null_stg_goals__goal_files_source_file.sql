
    
    



select *
from "toteuma"."staging"."stg_goals__goal_files"
where source_file is null


