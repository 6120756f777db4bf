
    
    



select *
from "toteuma"."marts"."dim_strategic_theme"
where theme_name is null


