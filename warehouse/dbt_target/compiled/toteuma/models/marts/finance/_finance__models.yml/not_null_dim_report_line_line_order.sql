
    
    



select *
from "toteuma"."marts"."dim_report_line"
where line_order is null


