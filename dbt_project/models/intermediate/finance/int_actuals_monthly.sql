{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['municipality_code', 'fiscal_year', 'period_month'],
    on_schema_change='append_new_columns',
    pre_hook="{{ delete_changed_ledger_months() }}",
) }}
-- depends_on: {{ ref('int_ledger_scope') }} (built first: it reads this model as it stood)
-- The one read of the ledger: everything downstream works on these monthly sums (the
-- intermediate models here, and fct_actuals_monthly, which publishes them).
-- Incremental by municipality and month: a build sums again only the months whose ledger
-- file is not the one summed before (its hash, kept here per row, differs). Their old
-- sums are deleted first (pre_hook), so a month re-exported with fewer cost centres, or
-- none, leaves nothing stale behind.
with postings as (
    select * from {{ ref('stg_finance__gl_postings') }}
    {% if is_incremental() %}
    where (municipality_code, fiscal_year, period_month) in (
        select changed.municipality_code, changed.fiscal_year, changed.period_month
        from ({{ changed_ledger_months() }}) as changed
    )
    {% endif %}
),

monthly as (
    select
        municipality_code,
        cost_centre_code,
        account_code,
        fiscal_year,
        period_month,
        last_day(make_date(fiscal_year, period_month, 1)) as period_end_date,
        cast(sum(amount) as decimal(18, 2)) as amount,
        cast(sum(debit) as decimal(18, 2)) as debit,
        cast(sum(credit) as decimal(18, 2)) as credit,
        count(*) as row_count,
        max(source_file) as source_file,
        max(source_hash) as source_hash
    from postings
    group by all
),

final as (
    select * from monthly
)

select * from final
