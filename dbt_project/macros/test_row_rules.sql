{#- The row rules of one table in one scan and one dbt node: required columns
    (`not_null`), accepted values, ranges and SQL expressions. Fails with one row per
    row of the table that breaks any rule: the row as the table holds it, `broken_rules`
    naming every rule it breaks (each rule's `check`, the name the morning review, the
    waivers and the history know it by) and `rule_explanations`, a Finnish sentence per
    broken rule, in the same order. The gate reads each rule as a check of its own
    (warehouse/gate/dbt_results.py), with the rule's `severity` (default error).

    A rule is one of
      {check: ..., not_null: [column, ...]}
      {check: ..., column: c, accepted_values: [v, ...]}      (null passes, as dbt's)
      {check: ..., column: c, min_value: 0, max_value: 19}   (null passes)
      {check: ..., expression: "SQL true for a good row"}     (null fails)
    One node instead of one per rule: each dbt node costs ~65 ms and a Dagster check
    whatever the data (docs/performance.md). The table's own `explanation` column, if
    any, is left out: the evidence's explanations are the rules'. -#}
{% test row_rules(model, rules) %}

{%- set kept = ['*'] -%}
{%- if execute -%}
    {%- set kept = adapter.get_columns_in_relation(model)
        | map(attribute='name') | reject('equalto', 'explanation') | list -%}
{%- endif %}

with checked as (
    select
        {{ kept | join(', ') }},
        list_filter([
            {%- for rule in rules %}
            case when {{ row_rule_broken(rule) }} then '{{ rule.check }}' end
            {{- "," if not loop.last }}
            {%- endfor %}
        ], lambda broken: broken is not null) as broken_rules,
        list_filter([
            {%- for rule in rules %}
            case when {{ row_rule_broken(rule) }} then {{ row_rule_sentence(rule) }} end
            {{- "," if not loop.last }}
            {%- endfor %}
        ], lambda sentence: sentence is not null) as rule_explanations
    from {{ model }}
    where
        {%- for rule in rules %}
        {{ "or " if not loop.first }}{{ row_rule_broken(rule) }}
        {%- endfor %}
)

select
    *,
    array_to_string(rule_explanations, ' ') as explanation
from checked

{% endtest %}


{#- SQL true for a row that breaks `rule`. -#}
{% macro row_rule_broken(rule) -%}
    {%- if rule.not_null is defined -%}
        ({% for column in rule.not_null %}{{ " or " if not loop.first }}{{ column }} is null{% endfor %})
    {%- elif rule.accepted_values is defined -%}
        ({{ rule.column }} is not null and {{ rule.column }} not in (
            {%- for value in rule.accepted_values -%}
            {{ ", " if not loop.first }}{{ row_rule_literal(value) }}
            {%- endfor -%}
        ))
    {%- elif rule.expression is defined -%}
        (not coalesce(({{ rule.expression }}), false))
    {%- elif rule.min_value is defined or rule.max_value is defined -%}
        ({{ rule.column }} is not null and (false
            {%- if rule.min_value is defined %} or {{ rule.column }} < {{ rule.min_value }}{% endif %}
            {%- if rule.max_value is defined %} or {{ rule.column }} > {{ rule.max_value }}{% endif %}))
    {%- else -%}
        {{ exceptions.raise_compiler_error("row_rules: rule " ~ rule.check ~ " has no not_null, accepted_values, expression or min_value/max_value") }}
    {%- endif -%}
{%- endmacro %}


{#- A Finnish sentence (SQL text expression) on how a row breaks `rule`. -#}
{% macro row_rule_sentence(rule) -%}
    {%- if rule.not_null is defined -%}
        'Pakollinen tieto puuttuu sarakkeesta: ' || concat_ws(', '
            {%- for column in rule.not_null %}, case when {{ column }} is null then '{{ column }}' end{% endfor %}) || '.'
    {%- elif rule.accepted_values is defined -%}
        'Sarakkeen {{ rule.column }} arvo ' || cast({{ rule.column }} as varchar)
        || {{ row_rule_literal(" ei ole sallittu (sallitut: " ~ (rule.accepted_values | join(", ")) ~ ").") }}
    {%- elif rule.expression is defined -%}
        {{ row_rule_literal("Rivi ei täytä ehtoa: " ~ (rule.expression | trim) ~ ".") }}
    {%- else -%}
        'Sarakkeen {{ rule.column }} arvo ' || cast({{ rule.column }} as varchar)
        || {{ row_rule_literal(" ei ole välillä " ~ rule.min_value | default("") ~ "–" ~ rule.max_value | default("") ~ ".") }}
    {%- endif -%}
{%- endmacro %}


{% macro row_rule_literal(value) -%}
    {%- if value is string -%}
        '{{ value | replace("'", "''") }}'
    {%- else -%}
        {{ value }}
    {%- endif -%}
{%- endmacro %}
