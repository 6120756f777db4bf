
    
    



select *
from "toteuma"."review"."investments"
where actual_ytd is null


