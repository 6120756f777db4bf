
    
    



select *
from "toteuma"."review"."explanations"
where reporting_date is null


