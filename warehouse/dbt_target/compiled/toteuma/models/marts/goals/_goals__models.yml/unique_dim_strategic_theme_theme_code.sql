
    
    

select
    theme_code as unique_field,
    count(*) as n_records

from "toteuma"."marts"."dim_strategic_theme"
where theme_code is not null
group by theme_code
having count(*) > 1


