{{ config(
    severity='error',
    meta={
        'check': 'realization_pct_identity',
        'layer': 'built',
        'explanation': 'A printed TOT-% is not actual / budget x 100 (two decimals, 0,00 where the budget is 0).',
        'selite': 'Tulostettu TOT-% ei ole TOT / (TA + muutos) × 100 kahdella desimaalilla.',
        'dagster': {'ref': {'name': 'rpt_income_statement'}},
    },
) }}
-- Identity: in every review table, realization_pct (TOT-%) = actual_ytd / budget_amended
-- x 100 to two decimals (0.00 where the budget is 0). The percentage is recomputed here
-- in floating point, independently of the realization_pct macro, and may differ by at
-- most one hundredth of a percent (a half-way case rounded the other way).
-- Null realization_pct (ratio too large for DECIMAL(9,2)) is reported by a warning
-- not_null test, not here.
-- Evidence: one row per review row; expected = the recomputed percentage, actual = the
-- printed one (both in percent, not euros).
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
        budget_amended, actual_ytd, realization_pct
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

checked as (
    select
        *,
        case
            when budget_amended = 0 then 0
            else round(cast(actual_ytd as double) / cast(budget_amended as double) * 100, 2)
        end as expected_realization_pct
    from all_rows
),

failing as (
    select *
    from checked
    where
        realization_pct is not null
        and abs(realization_pct - expected_realization_pct) > 0.011
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='item',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='expected_realization_pct',
            actual='realization_pct',
            explanation="'review.' || review_table || ', yksikkö ' || org_unit_code || ' '
                || strftime(reporting_date, '%-d.%-m.%Y') || ', ' || item
                || ': TOT-% tulostettu ' || " ~ format_pct('realization_pct') ~ " || ', mutta TOT '
                || " ~ format_eur('actual_ytd') ~ " || ' € / TA + muutos ' || " ~ format_eur('budget_amended') ~ "
                || ' € on ' || " ~ format_pct('expected_realization_pct') ~ ""
        ) }}
    from failing
)

select * from final
