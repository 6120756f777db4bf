{#- The published figures of a review table (fct_income_statement, fct_investments): the
    ledger's rows (`ledger_model`) for preliminary units and dates; for a unit and date
    under a sign-off (int_signoffs_in_force), the rows it approved
    (int_approved_figures_in_force of `table_name`), whatever the ledger says now, with
    remaining recomputed from the approved figures. The check approved_figures_unchanged
    lists the cells where the two differ.

    ledger_model   the ledger's rows of the table, every column of the result
    table_name     int_approved_figures_in_force.table_name of the table's approved rows
    lines_seed     the seed naming the table's lines (report_lines, binding_budget_items);
                   an approved row of a line it does not hold is dropped
    line_columns   the line's columns in output order, [name, type] pairs; the first is the
                   line's code (approved.line_code), the others are read from the seed
    extra_figures  figures beside the review's, carried as approved (income statement:
                   forecast), decimal(18, 2)

    A whole model: `{{ ledger_or_approved('int_investments_from_ledger', 'investments',
    'binding_budget_items', [['item_code', 'varchar'], ['item_order', 'integer']]) }}` -#}
{% macro ledger_or_approved(ledger_model, table_name, lines_seed, line_columns, extra_figures=[]) %}
{%- set line_code = line_columns[0][0] -%}
with ledger as (
    select * from {{ ref(ledger_model) }}
),

approved as (
    select * from {{ ref('int_approved_figures_in_force') }}
    where table_name = '{{ table_name }}'
),

in_force as (
    select * from {{ ref('int_signoffs_in_force') }}
),

lines as (
    select * from {{ ref(lines_seed) }}
),

following_ledger as (
    select ledger.*
    from ledger
    left join in_force
        on ledger.municipality_code = in_force.municipality_code
        and ledger.reporting_date = in_force.reporting_date
        and ledger.org_unit_code = in_force.org_unit_code
    where in_force.signoff_id is null
),

kept_as_approved as (
    select
        approved.municipality_code,
        approved.reporting_date,
        approved.org_unit_code,
        approved.org_unit_name,
        approved.org_level,
        approved.is_valid_on_reporting_date,
        approved.line_code as {{ line_code }},
        {% for column, _ in line_columns[1:] -%}
        lines.{{ column }},
        {% endfor -%}
        {{ figure_list('approved') }},
        approved.budget_amended - approved.actual_ytd as remaining,
        approved.realization_pct
        {%- for figure in extra_figures %},
        approved.{{ figure }}
        {%- endfor %}
    from approved
    inner join lines
        on approved.line_code = lines.{{ line_code }}
),

rows as (
    select * from following_ledger
    union all by name
    select * from kept_as_approved
),

final as (
    select
        cast(rows.municipality_code as varchar) as municipality_code,
        cast(rows.reporting_date as date) as reporting_date,
        cast(rows.org_unit_code as varchar) as org_unit_code,
        cast(rows.org_unit_name as varchar) as org_unit_name,
        cast(rows.org_level as varchar) as org_level,
        cast(rows.is_valid_on_reporting_date as boolean) as is_valid_on_reporting_date,
        {% for column, type in line_columns -%}
        cast(rows.{{ column }} as {{ type }}) as {{ column }},
        {% endfor -%}
        {% for figure in ledger_figures() -%}
        cast(rows.{{ figure }} as decimal(18, 2)) as {{ figure }},
        {% endfor -%}
        cast(rows.remaining as decimal(18, 2)) as remaining,
        cast(rows.realization_pct as decimal(9, 2)) as realization_pct
        {%- for figure in extra_figures %},
        cast(rows.{{ figure }} as decimal(18, 2)) as {{ figure }}
        {%- endfor %}
    from rows
)

select * from final
{%- endmacro %}
