
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
    from "toteuma"."review"."income_statement"
    where release_status = 'preliminary'
    union all
    select
        'investments', municipality_code, reporting_date, org_unit_code, item_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd, null
    from "toteuma"."review"."investments"
    where release_status = 'preliminary'
),

status as (
    select * from "toteuma"."marts"."fct_release_status"
),

ledger_rows as (
    select
        'income_statement' as table_name, ledger.municipality_code, ledger.reporting_date,
        ledger.org_unit_code, ledger.line_code, ledger.tp_prior_year, ledger.actual_prior_ytd,
        ledger.budget_amended, ledger.actual_ytd, ledger.forecast
    from "toteuma"."intermediate"."int_income_statement_from_ledger" as ledger
    union all
    select
        'investments', ledger.municipality_code, ledger.reporting_date,
        ledger.org_unit_code, ledger.item_code, ledger.tp_prior_year, ledger.actual_prior_ytd,
        ledger.budget_amended, ledger.actual_ytd, null
    from "toteuma"."intermediate"."int_investments_from_ledger" as ledger
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
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(line_code as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(ledger_actual_ytd as decimal(18, 2)) as expected,
    cast(review_actual_ytd as decimal(18, 2)) as actual,
    cast(cast(review_actual_ytd as decimal(18, 2)) - cast(ledger_actual_ytd as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('review.' || table_name || ', yksikkö ' || org_unit_code || ', '
                || strftime(reporting_date, '%-d.%-m.%Y') || ', ' || line_code
                || ': alustava rivi ei vastaa kirjanpitoa (TOT katsauksessa '
                || coalesce(
        case when (review_actual_ytd) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(review_actual_ytd)) as hugeint)), ',', ' ')
        || case
            when abs(review_actual_ytd) != trunc(abs(review_actual_ytd))
                then ',' || lpad(cast(cast(abs(review_actual_ytd) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ', kirjanpidossa '
                || coalesce(
        case when (ledger_actual_ytd) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(ledger_actual_ytd)) as hugeint)), ',', ' ')
        || case
            when abs(ledger_actual_ytd) != trunc(abs(ledger_actual_ytd))
                then ',' || lpad(cast(cast(abs(ledger_actual_ytd) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ')' as varchar) as explanation
    from differences
)

select * from final