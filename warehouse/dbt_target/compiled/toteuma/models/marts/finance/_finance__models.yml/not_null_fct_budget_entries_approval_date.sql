
    
    



select *
from "toteuma"."marts"."fct_budget_entries"
where approval_date is null


