
    
    



select *
from "toteuma"."seeds"."report_lines"
where line_order is null


