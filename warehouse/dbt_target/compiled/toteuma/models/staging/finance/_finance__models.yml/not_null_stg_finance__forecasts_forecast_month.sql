
    
    



select *
from "toteuma"."staging"."stg_finance__forecasts"
where forecast_month is null


