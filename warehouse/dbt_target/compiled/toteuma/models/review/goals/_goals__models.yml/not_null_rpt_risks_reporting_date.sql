
    
    



select *
from "toteuma"."review"."risks"
where reporting_date is null


