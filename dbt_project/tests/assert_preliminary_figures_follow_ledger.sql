{{ config(
    severity='error',
    meta={
        'check': 'preliminary_figures_follow_ledger',
        'layer': 'built',
        'explanation': 'A preliminary review row differs from the ledger, or a ledger row of a preliminary unit is missing from the review: the overlay of approved figures touched figures nobody approved.',
        'selite': 'Alustava katsausrivi poikkeaa kirjanpidosta: hyväksyttyjen lukujen korvaus osui lukuihin, joita kukaan ei ole hyväksynyt.',
        'dagster': {'ref': {'name': 'rpt_income_statement'}},
    },
) }}
-- Identity: for every unit and date with release_status preliminary, review.income_statement
-- and review.investments equal int_income_statement_from_ledger and
-- int_investments_from_ledger row for row, in every figure column.
-- Evidence: one row per table, unit, date and line that differs; expected = the ledger's
-- actual_ytd, actual = the review's.
with review_rows as (
    select
        'income_statement' as table_name, municipality_code, reporting_date,
        org_unit_code, line_code, tp_prior_year, actual_prior_ytd, budget_amended,
        actual_ytd, forecast
    from {{ ref('rpt_income_statement') }}
    where release_status = 'preliminary'
    union all
    select
        'investments', municipality_code, reporting_date, org_unit_code, item_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd, null
    from {{ ref('rpt_investments') }}
    where release_status = 'preliminary'
),

status as (
    select * from {{ ref('fct_release_status') }}
),

ledger_rows as (
    select
        'income_statement' as table_name, ledger.municipality_code, ledger.reporting_date,
        ledger.org_unit_code, ledger.line_code, ledger.tp_prior_year, ledger.actual_prior_ytd,
        ledger.budget_amended, ledger.actual_ytd, ledger.forecast
    from {{ ref('int_income_statement_from_ledger') }} as ledger
    union all
    select
        'investments', ledger.municipality_code, ledger.reporting_date,
        ledger.org_unit_code, ledger.item_code, ledger.tp_prior_year, ledger.actual_prior_ytd,
        ledger.budget_amended, ledger.actual_ytd, null
    from {{ ref('int_investments_from_ledger') }} as ledger
),

preliminary_ledger as (
    select ledger_rows.*
    from ledger_rows
    left join status
        on ledger_rows.municipality_code = status.municipality_code
        and ledger_rows.reporting_date = status.reporting_date
        and ledger_rows.org_unit_code = status.org_unit_code
    where coalesce(status.release_status, 'preliminary') = 'preliminary'
),

differences as (
    select
        coalesce(review_rows.table_name, preliminary_ledger.table_name) as table_name,
        coalesce(review_rows.municipality_code, preliminary_ledger.municipality_code)
            as municipality_code,
        coalesce(review_rows.reporting_date, preliminary_ledger.reporting_date) as reporting_date,
        coalesce(review_rows.org_unit_code, preliminary_ledger.org_unit_code) as org_unit_code,
        coalesce(review_rows.line_code, preliminary_ledger.line_code) as line_code,
        preliminary_ledger.actual_ytd as ledger_actual_ytd,
        review_rows.actual_ytd as review_actual_ytd
    from review_rows
    full outer join preliminary_ledger
        on review_rows.table_name = preliminary_ledger.table_name
        and review_rows.municipality_code = preliminary_ledger.municipality_code
        and review_rows.reporting_date = preliminary_ledger.reporting_date
        and review_rows.org_unit_code = preliminary_ledger.org_unit_code
        and review_rows.line_code = preliminary_ledger.line_code
    where
        review_rows.table_name is null
        or preliminary_ledger.table_name is null
        or review_rows.tp_prior_year != preliminary_ledger.tp_prior_year
        or review_rows.actual_prior_ytd != preliminary_ledger.actual_prior_ytd
        or review_rows.budget_amended != preliminary_ledger.budget_amended
        or review_rows.actual_ytd != preliminary_ledger.actual_ytd
        or review_rows.forecast is distinct from preliminary_ledger.forecast
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='line_code',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='ledger_actual_ytd',
            actual='review_actual_ytd',
            explanation="'review.' || table_name || ', yksikkö ' || org_unit_code || ', '
                || strftime(reporting_date, '%-d.%-m.%Y') || ', ' || line_code
                || ': alustava rivi ei vastaa kirjanpitoa (TOT katsauksessa '
                || " ~ format_eur('review_actual_ytd') ~ " || ', kirjanpidossa '
                || " ~ format_eur('ledger_actual_ytd') ~ " || ')'"
        ) }}
    from differences
)

select * from final
