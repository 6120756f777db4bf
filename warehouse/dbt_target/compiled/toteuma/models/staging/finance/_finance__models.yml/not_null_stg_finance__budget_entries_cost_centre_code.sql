
    
    



select *
from "toteuma"."staging"."stg_finance__budget_entries"
where cost_centre_code is null


