
    
    



select *
from "toteuma"."staging"."stg_finance__org_units"
where valid_from_date is null


