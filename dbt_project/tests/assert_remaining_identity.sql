{{ config(
    severity='error',
    meta={
        'check': 'remaining_identity',
        'layer': 'built',
        'explanation': 'A printed Jäljellä / poikkeama is not budget minus actual.',
        'selite': 'Tulostettu Jäljellä ei ole TA + muutos miinus TOT.',
        'dagster': {'ref': {'name': 'rpt_income_statement'}},
    },
) }}
-- Identity: in every review table, remaining (Jäljellä / poikkeama) = budget_amended -
-- actual_ytd exactly. (TOT-% is checked by assert_realization_pct_identity.)
-- A failing row is a published cell that contradicts the two columns it is computed from.
-- Evidence: one row per review row; line_code = the line or item (binding budget and
-- investments: TULOT / MENOT / NETTO, named in the explanation), expected =
-- budget_amended - actual_ytd, actual = the printed remaining.
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
        budget_amended, actual_ytd, remaining
    from {{ relation }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

failing as (
    select
        *,
        budget_amended - actual_ytd as expected_remaining
    from all_rows
    where remaining is distinct from budget_amended - actual_ytd
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='item',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='expected_remaining',
            actual='remaining',
            explanation="'review.' || review_table || ', yksikkö ' || org_unit_code || ' '
                || strftime(reporting_date, '%-d.%-m.%Y') || ', ' || item
                || ': Jäljellä tulostettu ' || " ~ format_eur('remaining') ~ " || ' €, mutta TA + muutos '
                || " ~ format_eur('budget_amended') ~ " || ' € miinus TOT ' || " ~ format_eur('actual_ytd') ~ "
                || ' € on ' || " ~ format_eur('expected_remaining') ~ " || ' €'"
        ) }}
    from failing
)

select * from final
