
    
    



select *
from "toteuma"."intermediate"."int_goal_themes_matched"
where theme_text is null


