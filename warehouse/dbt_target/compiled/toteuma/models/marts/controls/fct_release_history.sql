-- Each unit's status history on each reporting date: a first row 'preliminary' (the
-- figures follow the ledger), then one row per sign-off that covered the unit (its own,
-- or one of a unit above it, or of the whole municipality), oldest first. The last row
-- is the status in force (is_current_status).
with units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
    where org_level != 'KUSTANNUSPAIKKA'
),

coverage as (
    select * from "toteuma"."intermediate"."int_signoff_coverage"
),

signoffs as (
    select * from "toteuma"."staging"."stg_controls__signoffs"
),

status as (
    select * from "toteuma"."marts"."fct_release_status"
),

events as (
    select
        units.municipality_code, units.reporting_date, units.org_unit_code,
        'preliminary' as release_status,
        cast(null as varchar) as signoff_id, cast(null as varchar) as signed_by,
        cast(null as varchar) as os_user, cast(null as timestamp) as signed_at,
        cast(null as varchar) as comment, cast(null as varchar) as scope_org_unit_code,
        cast(null as varchar) as fingerprint
    from units
    union all
    select
        coverage.municipality_code, coverage.reporting_date, coverage.org_unit_code,
        'approved', signoffs.signoff_id, signoffs.signed_by, signoffs.os_user,
        signoffs.signed_at, signoffs.comment, signoffs.scope_org_unit_code,
        signoffs.fingerprint
    from coverage
    inner join signoffs
        on coverage.signoff_id = signoffs.signoff_id
),

numbered as (
    select
        *,
        row_number() over (
            partition by municipality_code, reporting_date, org_unit_code
            order by
                signed_at nulls first,
                cast(split_part(signoff_id, '#', 2) as integer) nulls first
        ) - 1 as status_seq,
        count(*) over (partition by municipality_code, reporting_date, org_unit_code) - 1
            as last_seq
    from events
),

final as (
    select
        cast(numbered.municipality_code as varchar) as municipality_code,
        cast(numbered.reporting_date as date) as reporting_date,
        cast(numbered.org_unit_code as varchar) as org_unit_code,
        cast(units.org_unit_name as varchar) as org_unit_name,
        cast(units.org_level as varchar) as org_level,
        cast(numbered.status_seq as integer) as status_seq,
        cast(numbered.release_status as varchar) as release_status,
        cast(numbered.signed_by as varchar) as approved_by,
        cast(numbered.signed_at as timestamp) as approved_at,
        cast(numbered.os_user as varchar) as approved_as_os_user,
        cast(numbered.comment as varchar) as comment,
        cast(numbered.scope_org_unit_code as varchar) as signed_off_unit_code,
        cast(numbered.fingerprint as varchar) as fingerprint,
        cast(numbered.status_seq = numbered.last_seq as boolean) as is_current_status,
        cast(numbered.status_seq = numbered.last_seq and status.has_changed_figures as boolean)
            as has_changed_figures,
        cast(coalesce(status.is_year_closed, false) as boolean) as is_year_closed
    from numbered
    inner join units
        on numbered.municipality_code = units.municipality_code
        and numbered.reporting_date = units.reporting_date
        and numbered.org_unit_code = units.org_unit_code
    left join status
        on numbered.municipality_code = status.municipality_code
        and numbered.reporting_date = status.reporting_date
        and numbered.org_unit_code = status.org_unit_code
)

select * from final