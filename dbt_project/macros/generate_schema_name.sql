{#- Schemas are the layer names as-is (staging, intermediate, marts, review, seeds,
    audit_dbt): analysts query review.income_statement, not main_review.income_statement. -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
