
    
    

select
    source_file as unique_field,
    count(*) as n_records

from "toteuma"."staging"."stg_goals__goal_files"
where source_file is not null
group by source_file
having count(*) > 1


