
    
    



select *
from "toteuma"."staging"."stg_finance__accounts"
where account_code is null


