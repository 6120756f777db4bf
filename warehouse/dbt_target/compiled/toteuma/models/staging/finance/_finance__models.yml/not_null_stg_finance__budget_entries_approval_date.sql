
    
    



select *
from "toteuma"."staging"."stg_finance__budget_entries"
where approval_date is null


