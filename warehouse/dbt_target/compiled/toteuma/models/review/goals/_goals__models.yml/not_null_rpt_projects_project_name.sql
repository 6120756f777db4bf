
    
    



select *
from "toteuma"."review"."projects"
where project_name is null


