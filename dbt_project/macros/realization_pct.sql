{#- Toteuma-% = actual / budget x 100, rounded half away from zero to two decimals.
    Computed on integer cents, so no binary floating point enters the result.
    0.00 where the budget is 0 (as printed in the reports); null where the ratio does not
    fit DECIMAL(9,2) (|pct| >= 10 000 000 %), which a warning test reports. -#}
{% macro realization_pct(actual, budget) -%}
    {%- set actual_cents = 'cast(' ~ actual ~ ' * 100 as hugeint)' -%}
    {%- set budget_cents = 'cast(' ~ budget ~ ' * 100 as hugeint)' -%}
    {%- set hundredths -%}
        ((abs({{ actual_cents }}) * 20000 + abs({{ budget_cents }})) // (2 * abs({{ budget_cents }})))
    {%- endset -%}
    case
        when {{ budget }} = 0 then cast(0 as decimal(9, 2))
        when {{ hundredths }} >= 1000000000 then null
        else cast(
            cast(
                {{ hundredths }}
                * case when ({{ actual }} < 0) = ({{ budget }} < 0) or {{ actual }} = 0 then 1 else -1 end
                as decimal(38, 0)
            ) * 0.01 as decimal(9, 2)
        )
    end
{%- endmacro %}
