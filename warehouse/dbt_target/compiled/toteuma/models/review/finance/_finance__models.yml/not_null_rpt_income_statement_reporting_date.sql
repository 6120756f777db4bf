
    
    



select *
from "toteuma"."review"."income_statement"
where reporting_date is null


