
    
    



select *
from "toteuma"."review"."income_statement"
where release_status is null


