
    
    



select *
from "toteuma"."intermediate"."int_accounts_mapped"
where line_code is null


