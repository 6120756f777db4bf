
    
    



select *
from "toteuma"."review"."indicators"
where year is null


