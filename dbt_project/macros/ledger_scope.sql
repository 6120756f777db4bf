{#- A build scoped to the municipalities whose ledger changed.

    The dbt step (orchestration/assets/dbt.py) passes `--vars '{ledger_scope: true}'` when
    the only inputs that changed since the last build are ledger files (raw.gl_postings
    and their file records, perhaps with the publication snapshot or the day). Then the
    models built on the monthly sums (tagged `scoped_by_municipality`) delete and
    build again only the rows of the municipalities in int_ledger_scope, the ones whose
    ledger months changed; every other municipality's rows stand as the last build left
    them. Every such model computes each municipality from that municipality's rows alone
    (all its joins are on municipality_code), so the result equals a full build's. A model
    on ledger rows (tagged `scoped_by_month`: its rows depend on their own month only)
    rebuilds only the changed months (grain='month').

    Without the var (the first build, a change of the organisation, accounts, budgets,
    forecasts, controls or the dbt project, or `dbt build` by hand) nothing is scoped: the
    pre-hook empties the model and it is built whole. -#}

{#- The configuration of a scoped model, its first line: `{{ scoped_by('municipality') }}`
    (the models on the monthly sums) or `{{ scoped_by('month') }}` (a model on ledger rows
    whose rows depend on their own month only): incremental, appended after the pre-hook
    deleted the scope's rows, tagged `scoped_by_<grain>` (tests/integration/scoped_build.py
    compares every tagged model with a full build). -#}
{% macro scoped_by(grain) -%}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ delete_ledger_scope(grain='" ~ grain ~ "') }}",
        tags=['scoped_by_' ~ grain],
    ) }}
{%- endmacro %}


{#- True when this build of the model is scoped to int_ledger_scope's municipalities. -#}
{% macro ledger_scoped() -%}
    {{ return(var('ledger_scope', false) and is_incremental()) }}
{%- endmacro %}


{#- A predicate for the model's inputs: `where {{ in_ledger_scope() }}`. Every input with a
    municipality_code is filtered with it, so that no join brings back another
    municipality's rows. -#}
{% macro in_ledger_scope(grain='municipality') -%}
    {%- set scope = ref('int_ledger_scope') -%}
    {%- if ledger_scoped() -%}
        {{ _scope_predicate(grain, scope) }}
    {%- else -%}
        true
    {%- endif -%}
{%- endmacro %}


{% macro _scope_predicate(grain, scope) -%}
    {%- if grain == 'month' -%}
        (municipality_code, fiscal_year, period_month) in (
            select municipality_code, fiscal_year, period_month from {{ scope }}
        )
    {%- else -%}
        municipality_code in (select municipality_code from {{ scope }})
    {%- endif -%}
{%- endmacro %}


{#- The pre-hook of a scoped model: its rows of the municipalities in scope, or all of
    them when the build is not scoped (the model is then built whole, as a table would). -#}
{% macro delete_ledger_scope(grain='municipality') -%}
    {%- if is_incremental() -%}
        delete from {{ this }}
        {%- if ledger_scoped() %}
        where {{ _scope_predicate(grain, ref('int_ledger_scope')) }}
        {%- endif %}
    {%- endif -%}
{%- endmacro %}
