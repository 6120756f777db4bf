
-- Rule: on the latest official reporting date of each year (31.3., 30.6., 30.9. or
-- 31.12.; the current report), no cost line (line_kind cost) and no Toimintakulut
-- subtotal has spent more than its full-year amended budget: with a cost budget
-- (budget_amended < 0), actual_ytd >= budget_amended, judged on the printed TOT-%
-- (realization_pct, two decimals): a row fails when TOT-% > 100,00.
-- Each year is judged on its latest official report: during the year the current
-- quarter, after it the year-end (tilinpäätös) figures, which are prepared and signed
-- off in the first months of the next year.
-- Not checked: revenue lines (more revenue than budgeted is good news), lines without a
-- cost budget (budget 0: TOT-% is printed 0,00; unbudgeted spending is a budgeting
-- question, not an overrun), mixed lines. Units: every level of review.income_statement.
-- Against flooding: one row per unit, line and year (its latest official report only);
-- a cost line is reported only at the lowest unit that overspends it (a unit is left out
-- when one of its child units also overspends the same line on that date); Toimintakulut
-- (the binding MENOT item) is reported at every unit that overspends it.
-- Evidence: period = the reporting date, expected = budget_amended, actual = actual_ytd,
-- difference = actual - budget (negative = euros spent beyond the budget).
with income_statement as (
    select * from "toteuma"."intermediate"."int_income_statement_from_ledger"
),

official_dates as (
    select * from "toteuma"."seeds"."official_reporting_dates"
),

units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

official_rows as (
    select income_statement.*
    from income_statement
    inner join official_dates
        on month(income_statement.reporting_date) = official_dates.month
        and day(income_statement.reporting_date) = official_dates.day
),

latest_dates as (
    select municipality_code, max(reporting_date) as reporting_date
    from official_rows
    group by municipality_code, year(reporting_date)
),

overspent as (
    select official_rows.*
    from official_rows
    inner join latest_dates
        on official_rows.municipality_code = latest_dates.municipality_code
        and official_rows.reporting_date = latest_dates.reporting_date
    where
        (official_rows.line_kind = 'cost' or official_rows.line_code = 'TOIMINTAKULUT')
        and official_rows.budget_amended < 0
        and official_rows.actual_ytd < official_rows.budget_amended
        -- as printed: 100,00 % (a few euros over a large budget) is not an overrun
        and coalesce(official_rows.realization_pct > 100, true)
),

reported as (
    select *
    from overspent
    where
        line_code = 'TOIMINTAKULUT'
        or not exists (
            select 1
            from overspent as child_rows
            inner join units as child_units
                on child_rows.municipality_code = child_units.municipality_code
                and child_rows.reporting_date = child_units.reporting_date
                and child_rows.org_unit_code = child_units.org_unit_code
            where
                child_units.parent_code = overspent.org_unit_code
                and child_rows.municipality_code = overspent.municipality_code
                and child_rows.reporting_date = overspent.reporting_date
                and child_rows.line_code = overspent.line_code
        )
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(line_code as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(budget_amended as decimal(18, 2)) as expected,
    cast(actual_ytd as decimal(18, 2)) as actual,
    cast(cast(actual_ytd as decimal(18, 2)) - cast(budget_amended as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Yksikkö ' || org_unit_code || coalesce(' ' || org_unit_name, '') || ', katsaus '
                || strftime(reporting_date, '%-d.%-m.%Y') || ': ' || line_name || ' (' || line_code || ') '
                || 'TOT ' || year(reporting_date) || ' 1-' || month(reporting_date) || ' kk' || ' ' || coalesce(
        case when (actual_ytd) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(actual_ytd)) as hugeint)), ',', ' ')
        || case
            when abs(actual_ytd) != trunc(abs(actual_ytd))
                then ',' || lpad(cast(cast(abs(actual_ytd) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € ylittää jo koko vuoden talousarvion ' || coalesce(
        case when (budget_amended) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(budget_amended)) as hugeint)), ',', ' ')
        || case
            when abs(budget_amended) != trunc(abs(budget_amended))
                then ',' || lpad(cast(cast(abs(budget_amended) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € määrällä ' || coalesce(
        case when (budget_amended - actual_ytd) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(budget_amended - actual_ytd)) as hugeint)), ',', ' ')
        || case
            when abs(budget_amended - actual_ytd) != trunc(abs(budget_amended - actual_ytd))
                then ',' || lpad(cast(cast(abs(budget_amended - actual_ytd) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € (toteuma ' || coalesce(replace(format('{:.2f}', cast(realization_pct as double)), '.', ',') || ' %', 'none') || ')' as varchar) as explanation
    from reported
)

select * from final