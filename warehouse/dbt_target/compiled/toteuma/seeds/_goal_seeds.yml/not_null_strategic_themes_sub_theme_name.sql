
    
    



select *
from "toteuma"."seeds"."strategic_themes"
where sub_theme_name is null


