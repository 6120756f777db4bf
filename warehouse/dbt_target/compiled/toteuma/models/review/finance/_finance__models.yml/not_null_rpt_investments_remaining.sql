
    
    



select *
from "toteuma"."review"."investments"
where remaining is null


