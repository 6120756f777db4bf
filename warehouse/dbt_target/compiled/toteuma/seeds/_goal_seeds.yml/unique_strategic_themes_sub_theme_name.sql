
    
    

select
    sub_theme_name as unique_field,
    count(*) as n_records

from "toteuma"."seeds"."strategic_themes"
where sub_theme_name is not null
group by sub_theme_name
having count(*) > 1


