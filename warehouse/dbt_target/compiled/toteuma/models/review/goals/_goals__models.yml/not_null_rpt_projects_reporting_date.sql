
    
    



select *
from "toteuma"."review"."projects"
where reporting_date is null


