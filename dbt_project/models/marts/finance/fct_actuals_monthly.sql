{{ config(
    materialized='incremental',
    incremental_strategy='delete+insert',
    unique_key=['municipality_code', 'fiscal_year', 'period_month'],
    on_schema_change='append_new_columns',
    pre_hook="{{ delete_changed_ledger_months() }}",
) }}
-- The ledger's monthly sums as analysts read them: int_actuals_monthly, copied month by
-- month. Incremental as it is: only the months whose ledger file changed are copied
-- again (their old rows deleted first), so a re-exported month costs that month.
with monthly as (
    select * from {{ ref('int_actuals_monthly') }}
    {% if is_incremental() %}
    where (municipality_code, fiscal_year, period_month) in (
        select changed.municipality_code, changed.fiscal_year, changed.period_month
        from ({{ changed_ledger_months() }}) as changed
    )
    {% endif %}
),

final as (
    select * from monthly
)

select * from final
