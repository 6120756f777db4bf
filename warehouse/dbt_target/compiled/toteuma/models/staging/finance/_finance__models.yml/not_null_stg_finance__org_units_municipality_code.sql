
    
    



select *
from "toteuma"."staging"."stg_finance__org_units"
where municipality_code is null


