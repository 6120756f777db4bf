
    
    



select *
from "toteuma"."seeds"."account_line_ranges"
where range_from is null


