
    
    



select *
from "toteuma"."review"."projects"
where org_unit_code is null


