{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
-- Investment accounts are split into their own items: credits are TULOT, debits MENOT.
with actuals as (
    select * from {{ ref('int_actuals_monthly') }}
    where {{ in_ledger_scope() }}
),

accounts as (
    select * from {{ ref('int_accounts_mapped') }}
    where {{ in_ledger_scope() }}
),

with_lines as (
    select
        actuals.municipality_code,
        actuals.cost_centre_code,
        actuals.fiscal_year,
        actuals.period_month,
        coalesce(accounts.is_investment, false) as is_investment,
        accounts.line_code,
        actuals.amount,
        actuals.debit,
        actuals.credit
    from actuals
    left join accounts
        on actuals.municipality_code = accounts.municipality_code
        and actuals.account_code = accounts.account_code
),

all_lines as (
    select municipality_code, cost_centre_code, fiscal_year, period_month, line_code, amount
    from with_lines
    where not is_investment
    union all
    select
        municipality_code, cost_centre_code, fiscal_year, period_month,
        'INVESTMENT_TULOT' as line_code, credit as amount
    from with_lines
    where is_investment
    union all
    select
        municipality_code, cost_centre_code, fiscal_year, period_month,
        'INVESTMENT_MENOT' as line_code, -debit as amount
    from with_lines
    where is_investment
),

final as (
    select
        municipality_code,
        cost_centre_code,
        fiscal_year,
        period_month,
        line_code,
        cast(sum(amount) as decimal(18, 2)) as amount
    from all_lines
    group by all
)

select * from final
