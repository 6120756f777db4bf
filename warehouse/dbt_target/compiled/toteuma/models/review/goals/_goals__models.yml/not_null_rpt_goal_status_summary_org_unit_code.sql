
    
    



select *
from "toteuma"."review"."goal_status_summary"
where org_unit_code is null


