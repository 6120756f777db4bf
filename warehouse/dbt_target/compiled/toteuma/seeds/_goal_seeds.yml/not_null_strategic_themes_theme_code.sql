
    
    



select *
from "toteuma"."seeds"."strategic_themes"
where theme_code is null


