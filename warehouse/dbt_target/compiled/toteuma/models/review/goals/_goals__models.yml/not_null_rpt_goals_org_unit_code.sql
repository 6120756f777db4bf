
    
    



select *
from "toteuma"."review"."goals"
where org_unit_code is null


