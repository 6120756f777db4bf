
    
    



select *
from "toteuma"."review"."income_statement"
where is_valid_on_reporting_date is null


