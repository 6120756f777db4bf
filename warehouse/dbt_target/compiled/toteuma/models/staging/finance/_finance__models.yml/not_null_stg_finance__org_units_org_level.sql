
    
    



select *
from "toteuma"."staging"."stg_finance__org_units"
where org_level is null


