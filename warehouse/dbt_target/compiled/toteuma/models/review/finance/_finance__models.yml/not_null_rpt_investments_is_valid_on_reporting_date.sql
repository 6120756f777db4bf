
    
    



select *
from "toteuma"."review"."investments"
where is_valid_on_reporting_date is null


