
    
    

select
    theme_text as unique_field,
    count(*) as n_records

from "toteuma"."intermediate"."int_goal_themes_matched"
where theme_text is not null
group by theme_text
having count(*) > 1


