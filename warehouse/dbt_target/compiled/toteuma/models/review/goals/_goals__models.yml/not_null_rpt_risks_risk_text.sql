
    
    



select *
from "toteuma"."review"."risks"
where risk_text is null


