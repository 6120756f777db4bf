
    
    



select *
from "toteuma"."marts"."fct_goal_assessments"
where assessment_date is null


