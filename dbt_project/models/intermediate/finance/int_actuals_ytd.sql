{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
-- Densified to all twelve months so a year-to-date figure exists for every month,
-- whether or not anything was posted in it; reports then join on equality only.
with actuals as (
    select * from {{ ref('int_actuals_by_line') }}
    where
        line_code is not null
        and {{ in_ledger_scope() }}
),

series as (
    select distinct
        municipality_code,
        cost_centre_code,
        line_code,
        fiscal_year
    from actuals
),

months as (
    select unnest(range(1, 13)) as period_month
),

dense as (
    select
        series.municipality_code,
        series.cost_centre_code,
        series.line_code,
        series.fiscal_year,
        months.period_month,
        coalesce(actuals.amount, 0) as amount
    from series
    cross join months
    left join actuals
        on series.municipality_code = actuals.municipality_code
        and series.cost_centre_code = actuals.cost_centre_code
        and series.line_code = actuals.line_code
        and series.fiscal_year = actuals.fiscal_year
        and months.period_month = actuals.period_month
),

final as (
    select
        municipality_code,
        cost_centre_code,
        line_code,
        fiscal_year,
        period_month,
        cast(sum(amount) over (
            partition by municipality_code, cost_centre_code, line_code, fiscal_year
            order by period_month
            rows between unbounded preceding and current row
        ) as decimal(18, 2)) as ytd_amount
    from dense
)

select * from final
