
    
    



select *
from "toteuma"."review"."investments"
where org_unit_code is null


