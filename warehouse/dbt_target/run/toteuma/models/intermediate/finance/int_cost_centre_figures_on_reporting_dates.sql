
    

    create  table
      "toteuma"."intermediate"."int_cost_centre_figures_on_reporting_dates__dbt_tmp"
  
    
    as (
      -- The four period figures of each posting unit, per reporting date D in year Y, month m:
-- TP Y-1 = Y-1 months 1-12, TOT Y-1 = Y-1 months 1-m, TOT Y = Y months 1-m, and
-- TA + muutos = budget rows of Y approved on or before D. The line is the one the
-- account reports on in a report of year Y (rents fold into MUUT_* from 2024 on).
with reporting_dates as (
    select * from "toteuma"."intermediate"."int_reporting_dates"
),

actuals_ytd as (
    select * from "toteuma"."intermediate"."int_actuals_ytd"
),

budget as (
    select * from "toteuma"."intermediate"."int_budget_by_line"
),

line_mapping as (
    select * from "toteuma"."seeds"."report_line_year_mapping"
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
    cast(
        sum(case when figures.figure = 'tp_prior_year' then figures.amount else 0 end)
        as decimal(18, 2)
    ) as tp_prior_year,
    cast(
        sum(case when figures.figure = 'actual_prior_ytd' then figures.amount else 0 end)
        as decimal(18, 2)
    ) as actual_prior_ytd,
    cast(
        sum(case when figures.figure = 'budget_amended' then figures.amount else 0 end)
        as decimal(18, 2)
    ) as budget_amended,
    cast(
        sum(case when figures.figure = 'actual_ytd' then figures.amount else 0 end)
        as decimal(18, 2)
    ) as actual_ytd
    
    from figures
    left join line_mapping
        on figures.line_code = line_mapping.line_code
        and figures.report_year >= line_mapping.report_year_from
        and figures.report_year <= line_mapping.report_year_to
    where figures.line_code is not null
    group by all
)

select * from final
    );
    
  