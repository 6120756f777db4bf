{#- The review's figure columns, in the order the report prints them: the one list every
    model, check and macro takes them from.
    ledger_figures(): the four the ledger and budget give (TP Y-1, TOT Y-1 1-m kk,
    TA Y + muutos, TOT Y 1-m kk), summed up the organisation;
    review_figures(): those and the three derived from them or given beside them
    (remaining, realization_pct, forecast). -#}
{% macro ledger_figures() -%}
    {{ return(['tp_prior_year', 'actual_prior_ytd', 'budget_amended', 'actual_ytd']) }}
{%- endmacro %}


{% macro review_figures() -%}
    {{ return(ledger_figures() + ['remaining', 'realization_pct', 'forecast']) }}
{%- endmacro %}


{#- The columns as a select list, optionally qualified: `figure_list('ledger', 'lines')`
    renders "lines.tp_prior_year, lines.actual_prior_ytd, ...". -#}
{% macro figure_list(relation=none, figures=none) -%}
    {%- for figure in (figures or ledger_figures()) -%}
        {{ relation ~ '.' if relation }}{{ figure }}{{ ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}


{#- The figures summed over a group, as decimal(18, 2): `summed_figures('lines')` renders
    "cast(sum(lines.tp_prior_year) as decimal(18, 2)) as tp_prior_year, ...". -#}
{% macro summed_figures(relation=none, figures=none) -%}
    {%- for figure in (figures or ledger_figures()) -%}
        cast(sum({{ relation ~ '.' if relation }}{{ figure }}) as decimal(18, 2)) as {{ figure }}
        {{- ', ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}
