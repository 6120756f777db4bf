with org_paths as (
    select * from "toteuma"."intermediate"."int_org_paths"
),

final as (
    select
        reporting_date,
        municipality_code,
        ancestor_code as org_unit_code,
        cost_centre_code,
        depth,
        cost_centre_placement_rule
    from org_paths
)

select * from final