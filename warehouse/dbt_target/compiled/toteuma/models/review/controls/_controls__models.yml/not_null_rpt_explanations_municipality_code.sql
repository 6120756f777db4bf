
    
    



select *
from "toteuma"."review"."explanations"
where municipality_code is null


