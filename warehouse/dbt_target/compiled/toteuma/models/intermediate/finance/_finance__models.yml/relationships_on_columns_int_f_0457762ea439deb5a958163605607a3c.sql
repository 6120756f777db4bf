

with child_keys as (
    select distinct municipality_code, reporting_date, org_unit_code
    from "toteuma"."intermediate"."int_forecasts_resolved"
    where municipality_code is not null and reporting_date is not null and org_unit_code is not null
),

parent_keys as (
    select distinct
        municipality_code as municipality_code,
        reporting_date as reporting_date,
        org_unit_code as org_unit_code
        
    from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

orphans as (
    select * from child_keys
    except
    select * from parent_keys
)

select * from orphans

