{{ config(materialized='table') }}
-- depends_on: {{ source('raw', 'gl_postings') }}
-- (so that a build of what reads the ledger builds this first)
-- The ledger months (municipality, year, month) that changed since int_actuals_monthly
-- last summed them: a month whose file (its hash) is not the one summed, or a summed
-- month whose file is gone. Built before int_actuals_monthly (which refs it), so it
-- reads that model as it stands before this build; read through the adapter, not
-- ref(), which would make a cycle. On the first build (no int_actuals_monthly yet):
-- every ledger month. A build scoped by `--vars '{ledger_scope: true}'` (macros/ledger_scope.sql)
-- rebuilds the models on the monthly sums for these months' municipalities only, and the
-- models on ledger rows for these months.
{%- set monthly = none %}
{%- if execute %}
    {%- set monthly = adapter.get_relation(
        database=this.database, schema=this.schema, identifier='int_actuals_monthly'
    ) %}
{%- endif %}
with changed_months as (
    {% if monthly is not none -%}
    {{ changed_ledger_months(monthly) }}
    {%- else -%}
    select municipality_code, fiscal_year, period_month
    from {{ source('raw', 'ingested_files') }}
    where source_kind = 'gl_postings'
    {%- endif %}
),

final as (
    select distinct municipality_code, fiscal_year, period_month
    from changed_months
)

select * from final
