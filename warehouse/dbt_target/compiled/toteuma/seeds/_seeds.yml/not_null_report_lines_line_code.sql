
    
    



select *
from "toteuma"."seeds"."report_lines"
where line_code is null


