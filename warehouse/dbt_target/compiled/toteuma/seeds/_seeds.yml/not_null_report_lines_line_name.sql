
    
    



select *
from "toteuma"."seeds"."report_lines"
where line_name is null


