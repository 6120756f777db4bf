

with child_keys as (
    select distinct municipality_code, parent_code
    from "toteuma"."marts"."dim_org_unit"
    where municipality_code is not null and parent_code is not null
),

parent_keys as (
    select distinct
        municipality_code as municipality_code,
        org_unit_code as parent_code
        
    from "toteuma"."marts"."dim_org_unit"
),

orphans as (
    select * from child_keys
    except
    select * from parent_keys
)

select * from orphans

