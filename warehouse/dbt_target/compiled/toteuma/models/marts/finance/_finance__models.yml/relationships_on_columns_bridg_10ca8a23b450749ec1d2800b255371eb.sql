

with child_keys as (
    select distinct municipality_code, cost_centre_code
    from "toteuma"."marts"."bridge_org_unit_cost_centre"
    where municipality_code is not null and cost_centre_code is not null
),

parent_keys as (
    select distinct
        municipality_code as municipality_code,
        org_unit_code as cost_centre_code
        
    from "toteuma"."marts"."dim_org_unit"
),

orphans as (
    select * from child_keys
    except
    select * from parent_keys
)

select * from orphans

