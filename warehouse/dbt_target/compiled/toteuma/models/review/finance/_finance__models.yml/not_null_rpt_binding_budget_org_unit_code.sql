
    
    



select *
from "toteuma"."review"."binding_budget"
where org_unit_code is null


