{#- The standard evidence shape of every singular test. The quality gate reads the stored
    failures (schema audit_dbt) and shows each row to the controllers:

      municipality_code, org_unit_code, line_code  where the problem is (null if n/a)
      period        a reporting date 'YYYY-MM-DD' or a month 'YYYY-MM'
      expected      the figure the rule says it should be (null if there is none)
      actual        the figure found
      difference    actual - expected
      source_file, source_row   the landing file row to look at (null if n/a)
      explanation   one plain-language line with the figures

    Use as the select list of a test's final CTE:
        select {{ evidence_columns(municipality_code='m', actual='x', ...) }} from ... -#}
{% macro evidence_columns(
    municipality_code='null', org_unit_code='null', line_code='null', period='null',
    expected='null', actual='null', source_file='null', source_row='null', explanation='null'
) -%}
    cast({{ municipality_code }} as varchar) as municipality_code,
    cast({{ org_unit_code }} as varchar) as org_unit_code,
    cast({{ line_code }} as varchar) as line_code,
    cast({{ period }} as varchar) as period,
    cast({{ expected }} as decimal(18, 2)) as expected,
    cast({{ actual }} as decimal(18, 2)) as actual,
    cast(cast({{ actual }} as decimal(18, 2)) - cast({{ expected }} as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast({{ source_file }} as varchar) as source_file,
    cast({{ source_row }} as integer) as source_row,
    cast({{ explanation }} as varchar) as explanation
{%- endmacro %}


{#- A euro amount as a controller reads it: '-10 233 700', '1 000,10' (space-grouped
    thousands, decimal comma, cents only when there are some); 'none' for null. -#}
{% macro format_eur(amount) -%}
    coalesce(
        case when ({{ amount }}) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs({{ amount }})) as hugeint)), ',', ' ')
        || case
            when abs({{ amount }}) != trunc(abs({{ amount }}))
                then ',' || lpad(cast(cast(abs({{ amount }}) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
{%- endmacro %}


{#- A percentage with two decimals and a decimal comma: '228,00 %'. -#}
{% macro format_pct(pct) -%}
    coalesce(replace(format('{:.2f}', cast({{ pct }} as double)), '.', ',') || ' %', 'none')
{%- endmacro %}


{#- The review column a figure is printed in, as the report heads it, with the column
    name: e.g. 'TP 2023 (tp_prior_year)' for a report dated in 2024. `figure` is a SQL
    expression holding the column name. -#}
{% macro figure_label(figure, reporting_date) -%}
    case {{ figure }}
        when 'tp_prior_year' then 'TP ' || (year({{ reporting_date }}) - 1) || ' (tp_prior_year)'
        when 'actual_prior_ytd' then
            'TOT ' || (year({{ reporting_date }}) - 1) || ' 1-' || month({{ reporting_date }})
            || ' kk (actual_prior_ytd)'
        when 'budget_amended' then 'TA ' || year({{ reporting_date }}) || ' + muutos (budget_amended)'
        when 'actual_ytd' then
            'TOT ' || year({{ reporting_date }}) || ' 1-' || month({{ reporting_date }}) || ' kk (actual_ytd)'
        when 'remaining' then 'Jäljellä (remaining)'
        when 'realization_pct' then 'TOT-% (realization_pct)'
        else {{ figure }}
    end
{%- endmacro %}
