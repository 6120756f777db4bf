
    
    



select *
from "toteuma"."marts"."dim_strategic_theme"
where theme_code is null


