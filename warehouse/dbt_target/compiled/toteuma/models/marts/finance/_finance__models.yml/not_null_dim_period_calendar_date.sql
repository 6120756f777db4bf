
    
    



select *
from "toteuma"."marts"."dim_period"
where calendar_date is null


