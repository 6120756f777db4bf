{# The ledger months whose file differs from the one a model of monthly sums last summed
   (`built`: by default the model being built, `this`: int_actuals_monthly,
   fct_actuals_monthly; int_ledger_scope passes int_actuals_monthly as it stands before
   this build): every month of raw.ingested_files whose (municipality, year, month, hash)
   has no row in the model, plus months the model holds that have no file any more. #}
{% macro changed_ledger_months(built=none) %}
    {%- set summed = built if built is not none else this -%}
    {%- set built_columns = adapter.get_columns_in_relation(summed) | map(attribute='name') | list -%}
    select files.municipality_code, files.fiscal_year, files.period_month
    from {{ source('raw', 'ingested_files') }} as files
    where files.source_kind = 'gl_postings'
    {%- if 'source_hash' in built_columns %}
        and not exists (
            select 1 from {{ summed }} as built
            where built.municipality_code = files.municipality_code
                and built.fiscal_year = files.fiscal_year
                and built.period_month = files.period_month
                and built.source_hash = files.source_hash
        )
    {%- endif %}
    union
    select built.municipality_code, built.fiscal_year, built.period_month
    from {{ summed }} as built
    where not exists (
        select 1 from {{ source('raw', 'ingested_files') }} as files
        where files.source_kind = 'gl_postings'
            and files.municipality_code = built.municipality_code
            and files.fiscal_year = built.fiscal_year
            and files.period_month = built.period_month
    )
{% endmacro %}


{% macro delete_changed_ledger_months() %}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where (municipality_code, fiscal_year, period_month) in ({{ changed_ledger_months() }})
    {%- endif -%}
{% endmacro %}
