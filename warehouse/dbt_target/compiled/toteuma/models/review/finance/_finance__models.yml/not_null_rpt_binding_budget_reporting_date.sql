
    
    



select *
from "toteuma"."review"."binding_budget"
where reporting_date is null


