

with child_keys as (
    select distinct reporting_date
    from "toteuma"."marts"."bridge_org_unit_cost_centre"
    where reporting_date is not null
),

parent_keys as (
    select distinct
        calendar_date as reporting_date
        
    from "toteuma"."marts"."dim_period"
),

orphans as (
    select * from child_keys
    except
    select * from parent_keys
)

select * from orphans

