
    
    



select *
from "toteuma"."review"."goal_status_summary"
where reporting_date is null


