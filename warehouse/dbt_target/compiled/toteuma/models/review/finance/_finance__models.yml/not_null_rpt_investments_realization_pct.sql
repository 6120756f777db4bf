
    
    



select *
from "toteuma"."review"."investments"
where realization_pct is null


