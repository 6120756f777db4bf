
    
    



select *
from "toteuma"."marts"."fct_projects"
where project_key is null


