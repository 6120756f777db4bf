{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
-- The four period figures of each posting unit, per reporting date D in year Y, month m:
-- TP Y-1 = Y-1 months 1-12, TOT Y-1 = Y-1 months 1-m, TOT Y = Y months 1-m, and
-- TA + muutos = budget rows of Y approved on or before D. The line is the one the
-- account reports on in a report of year Y (rents fold into MUUT_* from 2024 on).
with reporting_dates as (
    select * from {{ ref('int_reporting_dates') }}
    where {{ in_ledger_scope() }}
),

actuals_ytd as (
    select * from {{ ref('int_actuals_ytd') }}
    where {{ in_ledger_scope() }}
),

budget as (
    select * from {{ ref('int_budget_by_line') }}
    where {{ in_ledger_scope() }}
),

line_mapping as (
    select * from {{ ref('report_line_year_mapping') }}
),

period_lookups as (
    select *, report_year as fiscal_year, report_month as period_month, 'actual_ytd' as figure
    from reporting_dates
    union all
    select *, report_year - 1, report_month, 'actual_prior_ytd'
    from reporting_dates
    union all
    select *, report_year - 1, 12, 'tp_prior_year'
    from reporting_dates
),

actual_figures as (
    select
        period_lookups.municipality_code,
        period_lookups.reporting_date,
        period_lookups.report_year,
        actuals_ytd.cost_centre_code,
        actuals_ytd.line_code,
        period_lookups.figure,
        actuals_ytd.ytd_amount as amount
    from period_lookups
    inner join actuals_ytd
        on period_lookups.municipality_code = actuals_ytd.municipality_code
        and period_lookups.fiscal_year = actuals_ytd.fiscal_year
        and period_lookups.period_month = actuals_ytd.period_month
),

budget_figures as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        reporting_dates.report_year,
        budget.cost_centre_code,
        budget.line_code,
        'budget_amended' as figure,
        budget.amount
    from reporting_dates
    inner join budget
        on reporting_dates.municipality_code = budget.municipality_code
        and reporting_dates.report_year = budget.fiscal_year
        and reporting_dates.reporting_date >= budget.approval_date
),

figures as (
    select * from actual_figures
    union all
    select * from budget_figures
),

final as (
    select
        figures.municipality_code,
        figures.reporting_date,
        figures.cost_centre_code,
        coalesce(line_mapping.reported_as, figures.line_code) as line_code,
    {% for figure in ledger_figures() -%}
    cast(
        sum(case when figures.figure = '{{ figure }}' then figures.amount else 0 end)
        as decimal(18, 2)
    ) as {{ figure }}{% if not loop.last %},{% endif %}
    {% endfor %}
    from figures
    left join line_mapping
        on figures.line_code = line_mapping.line_code
        and figures.report_year >= line_mapping.report_year_from
        and figures.report_year <= line_mapping.report_year_to
    where figures.line_code is not null
    group by all
)

select * from final
