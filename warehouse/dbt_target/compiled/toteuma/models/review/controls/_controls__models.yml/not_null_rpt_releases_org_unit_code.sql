
    
    



select *
from "toteuma"."review"."releases"
where org_unit_code is null


