
    
    



select *
from "toteuma"."marts"."dim_org_unit"
where org_unit_code is null


