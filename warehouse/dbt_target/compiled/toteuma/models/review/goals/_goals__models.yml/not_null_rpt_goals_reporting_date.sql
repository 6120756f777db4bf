
    
    



select *
from "toteuma"."review"."goals"
where reporting_date is null


