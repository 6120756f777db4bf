
    
    



select *
from "toteuma"."review"."indicators"
where org_unit_code is null


