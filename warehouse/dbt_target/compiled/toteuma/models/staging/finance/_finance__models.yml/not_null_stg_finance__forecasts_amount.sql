
    
    



select *
from "toteuma"."staging"."stg_finance__forecasts"
where amount is null


