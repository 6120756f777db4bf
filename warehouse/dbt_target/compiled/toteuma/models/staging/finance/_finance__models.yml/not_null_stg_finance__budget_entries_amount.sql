
    
    



select *
from "toteuma"."staging"."stg_finance__budget_entries"
where amount is null


