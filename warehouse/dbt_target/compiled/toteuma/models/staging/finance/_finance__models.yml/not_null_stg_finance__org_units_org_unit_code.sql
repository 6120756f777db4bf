
    
    



select *
from "toteuma"."staging"."stg_finance__org_units"
where org_unit_code is null


