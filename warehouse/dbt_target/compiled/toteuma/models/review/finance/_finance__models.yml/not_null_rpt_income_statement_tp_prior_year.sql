
    
    



select *
from "toteuma"."review"."income_statement"
where tp_prior_year is null


