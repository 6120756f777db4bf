
    
    



select *
from "toteuma"."review"."income_statement"
where realization_pct is null


