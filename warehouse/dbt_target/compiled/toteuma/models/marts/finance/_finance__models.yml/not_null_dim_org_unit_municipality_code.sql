
    
    



select *
from "toteuma"."marts"."dim_org_unit"
where municipality_code is null


