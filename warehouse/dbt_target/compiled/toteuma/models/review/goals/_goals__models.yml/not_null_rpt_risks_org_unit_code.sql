
    
    



select *
from "toteuma"."review"."risks"
where org_unit_code is null


