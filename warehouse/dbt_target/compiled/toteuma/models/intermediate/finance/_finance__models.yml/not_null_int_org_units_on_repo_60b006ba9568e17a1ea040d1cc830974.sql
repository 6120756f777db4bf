
    
    



select *
from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
where is_valid_on_reporting_date is null


