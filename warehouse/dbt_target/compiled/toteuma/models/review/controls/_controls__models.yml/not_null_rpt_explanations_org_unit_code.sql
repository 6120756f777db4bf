
    
    



select *
from "toteuma"."review"."explanations"
where org_unit_code is null


