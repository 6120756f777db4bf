{{ config(
    severity='warn',
    meta={
        'check': 'deviations_explained',
        'layer': 'judgement',
        'explanation': 'A line whose realisation deviates from the budget\'s pro-rata share beyond the tolerance needs an explanation in the controls folder before the unit can be signed off.',
        'selite': 'Rivi, jonka toteuma poikkeaa talousarvion kuukausiosuudesta yli toleranssin, tarvitsee selityksen ennen kuin yksikön luvut voi hyväksyä.',
        'dagster': {'ref': {'name': 'rpt_explanations'}},
    },
) }}
-- Rule: every line int_budget_deviations finds (official reporting dates; more than
-- TOTEUMA_DEVIATION_PCT % and more than TOTEUMA_DEVIATION_EUR € beyond TA + muutos x
-- months / 12) is explained by a '## <line>' section in the explanation file of its unit
-- or of a unit above it: controls/explanations/<kunta>/<unit>/<date>.md.
-- A failing row is one unexplained line: expected = the pro-rata budget, actual = TOT,
-- difference = the deviation. `toteuma signoff` refuses while the unit has one.
with deviations as (
    select * from {{ ref('int_budget_deviations') }}
    where explained_in is null
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='line_code',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='pro_rata_budget',
            actual='actual_ytd',
            explanation="'Yksikkö ' || org_unit_code || coalesce(' ' || org_unit_name, '') || ', '
                || strftime(reporting_date, '%-d.%-m.%Y') || ': ' || line_name || ' (' || line_code || ') toteutui '
                || " ~ format_eur('actual_ytd') ~ " || ' €, kun talousarvion (' || " ~ format_eur('budget_amended') ~ "
                || ' €) osuus ' || month(reporting_date) || ' kuukaudelta on ' || " ~ format_eur('pro_rata_budget') ~ "
                || ' € (poikkeama ' || " ~ format_eur('deviation') ~ "
                || ' €, sallittu enintään ' || " ~ format_eur('tolerance_eur') ~ " || ' € tai ' || " ~ format_pct('tolerance_pct') ~ "
                || '). Selitys puuttuu: kirjoita se otsikon ## ' || line_name || ' alle tiedostoon explanations/'
                || municipality_code || '/' || org_unit_code || '/' || strftime(reporting_date, '%Y-%m-%d') || '.md.'"
        ) }}
    from deviations
)

select * from final
