
    
    



select *
from "toteuma"."marts"."dim_org_unit"
where valid_to_date is null


