
    
    



select *
from "toteuma"."review"."income_statement"
where municipality_code is null


