
    
    



select *
from "toteuma"."review"."income_statement"
where actual_ytd is null


