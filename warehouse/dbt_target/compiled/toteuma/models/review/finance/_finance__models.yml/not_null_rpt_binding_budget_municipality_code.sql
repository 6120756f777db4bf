
    
    



select *
from "toteuma"."review"."binding_budget"
where municipality_code is null


