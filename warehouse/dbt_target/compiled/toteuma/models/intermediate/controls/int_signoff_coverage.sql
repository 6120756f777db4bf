-- The units each sign-off covers on its reporting date: its unit and every unit under
-- it on that date (int_org_paths), or every unit of the municipality when it names no
-- unit; and every unit whose figures it approved, so a unit that left the scope since
-- still shows the figures approved for it.
with signoffs as (
    select * from "toteuma"."staging"."stg_controls__signoffs"
),

paths as (
    select * from "toteuma"."intermediate"."int_org_paths"
),

approved_figures as (
    select * from "toteuma"."staging"."stg_controls__approved_figures"
),

in_scope as (
    select
        signoffs.signoff_id,
        paths.municipality_code,
        paths.reporting_date,
        paths.cost_centre_code as org_unit_code
    from signoffs
    inner join paths
        on signoffs.municipality_code = paths.municipality_code
        and signoffs.reporting_date = paths.reporting_date
        and (
            signoffs.scope_org_unit_code = paths.ancestor_code
            or (signoffs.scope_org_unit_code is null and paths.depth = 0)
        )
),

approved_units as (
    select distinct signoff_id, municipality_code, reporting_date, org_unit_code
    from approved_figures
),

final as (
    select * from in_scope
    union
    select * from approved_units
)

select * from final