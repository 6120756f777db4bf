
    
    

select
    status_text as unique_field,
    count(*) as n_records

from "toteuma"."seeds"."goal_status_vocabulary"
where status_text is not null
group by status_text
having count(*) > 1


