

with child_keys as (
    select distinct municipality_code, org_unit_code
    from "toteuma"."marts"."fct_forecasts"
    where municipality_code is not null and org_unit_code is not null
),

parent_keys as (
    select distinct
        municipality_code as municipality_code,
        org_unit_code as org_unit_code
        
    from "toteuma"."marts"."dim_org_unit"
),

orphans as (
    select * from child_keys
    except
    select * from parent_keys
)

select * from orphans

