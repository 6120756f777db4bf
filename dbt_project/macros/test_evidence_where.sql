{#- The shape most checks share: the rows of one model (joined to what names them) where
    a rule is broken, each as one evidence row (macros/evidence.sql). Declared in the
    model's YAML with the check's own name, severity and meta, e.g.

        data_tests:
          - evidence_where:
              name: assert_project_city_share_within_0_100
              arguments:
                fails_when: city_share_pct < 0 or city_share_pct > 100
                evidence:
                  municipality_code: municipality_code
                  actual: city_share_pct
                  explanation: >-
                    'Hankkeen ''' || project_name || ''' ...'
              config: {severity: error, meta: {check: ..., layer: ..., explanation: ..., selite: ...}}

    model_as the model's name in the SQL below (default: its own name; `alias` is a config)
    joins    SQL join clauses after `from <model> as <model_as>`, e.g. "inner join
             {{ ref('dim_goal') }} as goals on ..." (the refs make them parents of the test)
    fails_when  the broken rule: a row for which it is true fails (not `where`: that is
             dbt's test config filtering the model)
    evidence evidence_columns' arguments: SQL expressions over the model and its joins
             (explanation may call format_eur, format_pct, figure_label)
    columns  extra columns after the evidence, [name, SQL expression] pairs -#}
{% test evidence_where(model, fails_when, evidence, model_as=none, joins=[], columns=[]) %}
{%- set model_as = model_as or model.identifier %}
with final as (
    select
        {{ evidence_columns(**evidence) }}
        {%- for name, expression in columns %},
        {{ expression }} as {{ name }}
        {%- endfor %}
    from {{ model }} as {{ model_as }}
    {%- for join in joins %}
    {{ join }}
    {%- endfor %}
    where {{ fails_when }}
)

select * from final
{% endtest %}
