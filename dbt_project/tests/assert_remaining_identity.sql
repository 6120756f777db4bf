-- Identity: in every review table, remaining (Jäljellä / poikkeama) = budget_amended -
-- actual_ytd exactly, and realization_pct (TOT-%) = actual_ytd / budget_amended x 100
-- to two decimals (0.00 where the budget is 0). The percentage is recomputed here in
-- floating point, independently of the macro, and may differ by at most one cent of a
-- percent (a half-way case rounded the other way).
-- A failing row is a published cell that contradicts the two columns it is computed
-- from; null realization_pct (ratio too large for DECIMAL(9,2)) is reported by a
-- warning test, not here.
with income_statement as (
    select 'income_statement' as review_table, line_code as item, *
    from {{ ref('rpt_income_statement') }}
),

binding_budget as (
    select 'binding_budget' as review_table, item_code as item, *
    from {{ ref('rpt_binding_budget') }}
),

investments as (
    select 'investments' as review_table, item_code as item, *
    from {{ ref('rpt_investments') }}
),

all_rows as (
    {% for relation in ['income_statement', 'binding_budget', 'investments'] -%}
    select
        review_table, municipality_code, reporting_date, org_unit_code, item,
        budget_amended, actual_ytd, remaining, realization_pct
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

checked as (
    select
        *,
        budget_amended - actual_ytd as expected_remaining,
        case
            when budget_amended = 0 then 0
            else round(cast(actual_ytd as double) / cast(budget_amended as double) * 100, 2)
        end as expected_realization_pct
    from all_rows
),

final as (
    select *
    from checked
    where remaining is distinct from expected_remaining
        or (
            realization_pct is not null
            and abs(realization_pct - expected_realization_pct) > 0.011
        )
)

select * from final
