
    
    

select
    line_order as unique_field,
    count(*) as n_records

from "toteuma"."seeds"."report_lines"
where line_order is not null
group by line_order
having count(*) > 1


