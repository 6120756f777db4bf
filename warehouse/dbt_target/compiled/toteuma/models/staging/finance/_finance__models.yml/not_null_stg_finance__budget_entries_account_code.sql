
    
    



select *
from "toteuma"."staging"."stg_finance__budget_entries"
where account_code is null


