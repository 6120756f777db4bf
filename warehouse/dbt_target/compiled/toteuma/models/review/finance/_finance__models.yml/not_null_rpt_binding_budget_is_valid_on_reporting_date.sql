
    
    



select *
from "toteuma"."review"."binding_budget"
where is_valid_on_reporting_date is null


