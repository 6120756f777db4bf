{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
-- The organisation that places money on each reporting date D: every unit valid on D,
-- and the units not valid on D that carry figures on D (or are above such a unit).
-- Placement rule, per unit code and D (column placement_rule):
--   valid_on_date        the code is valid on D: the version valid on D, as always (old
--                        actuals are restated into the structure valid on D);
--   last_valid_version   not valid on D but valid before it: the version of its last
--                        valid day before D. A cost centre closed on 30.6. keeps its
--                        postings and budget rows in the unit it belonged to on 30.6.;
--   first_valid_version  valid only after D: its first version. A cost centre opening on
--                        1.7. shows its budget (and any postings dated before it opened)
--                        under the parent it opens under.
-- A unit not valid on D enters only when it carries a non-zero figure on D (TP Y-1,
-- TOT Y-1, TA + muutos or TOT Y) or is the parent of an entered unit not valid on D; such
-- a parent is placed by the same rule, so the walk up goes through the last valid
-- versions of parents that closed too, until it reaches a unit valid on D. A unit not
-- valid on D without figures on D (the sectors closed 31.12.2024, in 2025) is not here,
-- so the review shows no zero rows for it. The parent of a unit valid on D is never
-- pulled in: it must itself be valid on D (the relationships test says so if not).
with recursive reporting_dates as (
    select * from {{ ref('int_reporting_dates') }}
    where {{ in_ledger_scope() }}
),

org_units as (
    select * from {{ ref('stg_finance__org_units') }}
    where {{ in_ledger_scope() }}
),

cost_centre_figures as (
    select * from {{ ref('int_cost_centre_figures_on_reporting_dates') }}
    where {{ in_ledger_scope() }}
),

versions_on_dates as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        reporting_dates.report_year,
        reporting_dates.report_month,
        org_units.org_unit_code,
        org_units.org_unit_name,
        org_units.org_level,
        org_units.parent_code,
        org_units.valid_from_date,
        org_units.valid_to_date,
        case
            when
                reporting_dates.reporting_date
                between org_units.valid_from_date and org_units.valid_to_date
                then 'valid_on_date'
            when org_units.valid_to_date < reporting_dates.reporting_date
                then 'last_valid_version'
            else 'first_valid_version'
        end as placement_rule
    from reporting_dates
    inner join org_units
        on reporting_dates.municipality_code = org_units.municipality_code
),

-- every version valid on D (two would be overlapping validity: the uniqueness test fails)
valid_units as (
    select * from versions_on_dates
    where placement_rule = 'valid_on_date'
),

-- one version per code not valid on D: the last one before D, else the first one after
out_of_date_units as (
    select * from versions_on_dates
    where
        placement_rule != 'valid_on_date'
        and not exists (
            select 1
            from valid_units
            where
                valid_units.municipality_code = versions_on_dates.municipality_code
                and valid_units.reporting_date = versions_on_dates.reporting_date
                and valid_units.org_unit_code = versions_on_dates.org_unit_code
        )
    qualify row_number() over (
        partition by municipality_code, reporting_date, org_unit_code
        order by
            case when placement_rule = 'last_valid_version' then 0 else 1 end,
            case when placement_rule = 'last_valid_version' then valid_to_date end desc,
            valid_from_date
    ) = 1
),

units_with_figures as (
    select distinct
        municipality_code,
        reporting_date,
        cost_centre_code as org_unit_code
    from cost_centre_figures
    where
        tp_prior_year != 0
        or actual_prior_ytd != 0
        or budget_amended != 0
        or actual_ytd != 0
),

-- units not valid on D with figures on D, then their parents not valid on D, upwards
entered_out_of_date as (
    select
        out_of_date_units.municipality_code,
        out_of_date_units.reporting_date,
        out_of_date_units.org_unit_code,
        out_of_date_units.parent_code
    from out_of_date_units
    inner join units_with_figures
        on out_of_date_units.municipality_code = units_with_figures.municipality_code
        and out_of_date_units.reporting_date = units_with_figures.reporting_date
        and out_of_date_units.org_unit_code = units_with_figures.org_unit_code

    union

    select
        parents.municipality_code,
        parents.reporting_date,
        parents.org_unit_code,
        parents.parent_code
    from entered_out_of_date
    inner join out_of_date_units as parents
        on entered_out_of_date.municipality_code = parents.municipality_code
        and entered_out_of_date.reporting_date = parents.reporting_date
        and entered_out_of_date.parent_code = parents.org_unit_code
),

placed_units as (
    select * from valid_units
    union all
    select out_of_date_units.*
    from out_of_date_units
    where exists (
        select 1
        from entered_out_of_date
        where
            entered_out_of_date.municipality_code = out_of_date_units.municipality_code
            and entered_out_of_date.reporting_date = out_of_date_units.reporting_date
            and entered_out_of_date.org_unit_code = out_of_date_units.org_unit_code
    )
),

final as (
    select
        municipality_code,
        reporting_date,
        report_year,
        report_month,
        org_unit_code,
        org_unit_name,
        org_level,
        parent_code,
        valid_from_date,
        valid_to_date,
        placement_rule = 'valid_on_date' as is_valid_on_reporting_date,
        placement_rule
    from placed_units
)

select * from final
