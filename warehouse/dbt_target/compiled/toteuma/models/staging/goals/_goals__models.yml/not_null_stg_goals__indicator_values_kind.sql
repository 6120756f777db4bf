
    
    



select *
from "toteuma"."staging"."stg_goals__indicator_values"
where kind is null


