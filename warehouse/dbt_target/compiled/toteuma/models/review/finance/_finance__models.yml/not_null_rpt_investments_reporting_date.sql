
    
    



select *
from "toteuma"."review"."investments"
where reporting_date is null


