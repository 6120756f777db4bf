
    
    



select *
from "toteuma"."marts"."dim_org_unit"
where valid_from_date is null


