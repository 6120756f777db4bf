
    
    

select
    project_key as unique_field,
    count(*) as n_records

from "toteuma"."marts"."fct_projects"
where project_key is not null
group by project_key
having count(*) > 1


