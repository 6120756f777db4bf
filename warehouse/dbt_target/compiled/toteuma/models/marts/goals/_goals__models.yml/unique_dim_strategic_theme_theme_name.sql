
    
    

select
    theme_name as unique_field,
    count(*) as n_records

from "toteuma"."marts"."dim_strategic_theme"
where theme_name is not null
group by theme_name
having count(*) > 1


