
    
    



select *
from "toteuma"."review"."releases"
where reporting_date is null


