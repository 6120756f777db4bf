
    
    

with all_values as (

    select
        cost_centre_placement_rule as value_field,
        count(*) as n_records

    from "toteuma"."marts"."bridge_org_unit_cost_centre"
    group by cost_centre_placement_rule

)

select *
from all_values
where value_field not in (
    'valid_on_date','last_valid_version','first_valid_version'
)


