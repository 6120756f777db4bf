
    
    

select
    range_from as unique_field,
    count(*) as n_records

from "toteuma"."seeds"."account_line_ranges"
where range_from is not null
group by range_from
having count(*) > 1


