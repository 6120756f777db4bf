
    
    

with all_values as (

    select
        placement_rule as value_field,
        count(*) as n_records

    from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
    group by placement_rule

)

select *
from all_values
where value_field not in (
    'valid_on_date','last_valid_version','first_valid_version'
)


