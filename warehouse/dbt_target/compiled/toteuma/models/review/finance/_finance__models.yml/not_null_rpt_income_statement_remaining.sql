
    
    



select *
from "toteuma"."review"."income_statement"
where remaining is null


