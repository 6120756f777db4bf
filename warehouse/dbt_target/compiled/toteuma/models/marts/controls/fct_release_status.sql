-- Release status of every unit (cost centres included) on every reporting date:
-- approved while a sign-off is in force for it, else preliminary. A unit's date is open
-- (needs a person) unless it is approved with its figures unchanged since, or its year is
-- closed: its year-end date is approved, unchanged, for the unit.
with units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

in_force as (
    select * from "toteuma"."intermediate"."int_signoffs_in_force"
),

changes as (
    select municipality_code, reporting_date, org_unit_code, count(*) as changed_cells
    from "toteuma"."intermediate"."int_approved_figure_changes"
    group by all
),

all_units as (
    select municipality_code, reporting_date, org_unit_code from units
    union
    select municipality_code, reporting_date, org_unit_code from in_force
),

statuses as (
    select
        all_units.municipality_code,
        all_units.reporting_date,
        all_units.org_unit_code,
        coalesce(units.parent_code is null, false) as is_top_unit,
        case when in_force.signoff_id is null then 'preliminary' else 'approved' end
            as release_status,
        in_force.signoff_id,
        in_force.scope_org_unit_code,
        in_force.signed_by,
        in_force.os_user,
        in_force.signed_at,
        in_force.comment,
        in_force.fingerprint,
        coalesce(changes.changed_cells, 0) as changed_cells
    from all_units
    left join units
        on all_units.municipality_code = units.municipality_code
        and all_units.reporting_date = units.reporting_date
        and all_units.org_unit_code = units.org_unit_code
    left join in_force
        on all_units.municipality_code = in_force.municipality_code
        and all_units.reporting_date = in_force.reporting_date
        and all_units.org_unit_code = in_force.org_unit_code
    left join changes
        on all_units.municipality_code = changes.municipality_code
        and all_units.reporting_date = changes.reporting_date
        and all_units.org_unit_code = changes.org_unit_code
),

closed_years as (
    select municipality_code, year(reporting_date) as closed_year, org_unit_code
    from statuses
    where
        month(reporting_date) = 12
        and day(reporting_date) = 31
        and release_status = 'approved'
        and changed_cells = 0
),

final as (
    select
        statuses.*,
        statuses.changed_cells > 0 as has_changed_figures,
        closed_years.org_unit_code is not null as is_year_closed,
        not(
            (statuses.release_status = 'approved' and statuses.changed_cells = 0)
            or closed_years.org_unit_code is not null
        ) as is_open
    from statuses
    left join closed_years
        on statuses.municipality_code = closed_years.municipality_code
        and year(statuses.reporting_date) = closed_years.closed_year
        and statuses.org_unit_code = closed_years.org_unit_code
)

select * from final