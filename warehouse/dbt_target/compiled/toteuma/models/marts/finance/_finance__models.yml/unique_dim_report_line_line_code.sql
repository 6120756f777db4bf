
    
    

select
    line_code as unique_field,
    count(*) as n_records

from "toteuma"."marts"."dim_report_line"
where line_code is not null
group by line_code
having count(*) > 1


