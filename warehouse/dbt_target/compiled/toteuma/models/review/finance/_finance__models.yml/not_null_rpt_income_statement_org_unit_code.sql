
    
    



select *
from "toteuma"."review"."income_statement"
where org_unit_code is null


