
    
    

select
    range_to as unique_field,
    count(*) as n_records

from "toteuma"."seeds"."account_line_ranges"
where range_to is not null
group by range_to
having count(*) > 1


