
    
    

select
    goal_key as unique_field,
    count(*) as n_records

from "toteuma"."marts"."dim_goal"
where goal_key is not null
group by goal_key
having count(*) > 1


