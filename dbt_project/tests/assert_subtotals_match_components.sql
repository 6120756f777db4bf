{{ config(
    severity='error',
    meta={
        'check': 'subtotals_match_components',
        'layer': 'built',
        'explanation': 'A printed subtotal (Toimintatuotot, Toimintakulut, Toimintakate, Vuosikate, Tilikauden tulos, investments NETTO) is not the sum of the lines above it.',
        'selite': 'Tulostettu välisumma ei ole osiensa summa.',
        'dagster': {'ref': {'name': 'rpt_income_statement'}},
    },
) }}
-- Identity: every subtotal line of review.income_statement equals the sum of its direct
-- components (seed report_line_components): TOIMINTATUOTOT = MYYNTI + ... + MUUT_T,
-- TOIMINTAKULUT = HENKILOSTO + ... + MUUT_K, TOIMINTAKATE = TOIMINTATUOTOT + VALMISTUS +
-- TOIMINTAKULUT, VUOSIKATE = TOIMINTAKATE + VEROTULOT + VALTIONOSUUDET + RAHOITUS,
-- TULOS = VUOSIKATE + POISTOT + SATUNNAISET; in every actual and budget column.
-- Also review.investments: NETTO = TULOT + MENOT.
-- A failing row names the unit, date, subtotal and column whose printed subtotal is not
-- the sum of the lines above it: the subtotal computation is broken (or a line is
-- missing from the grid), and the published statement would not add up.
-- Evidence: one row per unit, reporting date, subtotal and column; expected = the sum of
-- the components, actual = the printed subtotal (investments: line_code NETTO).
with income_statement as (
    select * from {{ ref('rpt_income_statement') }}
),

investments as (
    select * from {{ ref('rpt_investments') }}
),

components as (
    select * from {{ ref('report_line_components') }}
),

figures as (
    {% for figure in ledger_figures() + ['remaining'] -%}
    select
        municipality_code, reporting_date, org_unit_code, line_code,
        '{{ figure }}' as figure, {{ figure }} as amount
    from income_statement
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

component_sums as (
    select
        figures.municipality_code,
        figures.reporting_date,
        figures.org_unit_code,
        components.subtotal_code as line_code,
        figures.figure,
        sum(figures.amount) as expected_amount
    from figures
    inner join components
        on figures.line_code = components.component_code
    group by all
),

subtotal_failures as (
    select
        'income_statement' as review_table,
        component_sums.*,
        figures.amount as reported_amount
    from component_sums
    left join figures
        on component_sums.municipality_code = figures.municipality_code
        and component_sums.reporting_date = figures.reporting_date
        and component_sums.org_unit_code = figures.org_unit_code
        and component_sums.line_code = figures.line_code
        and component_sums.figure = figures.figure
    where figures.amount is distinct from component_sums.expected_amount
),

investment_failures as (
    {% for figure in ledger_figures() + ['remaining'] -%}
    select
        'investments' as review_table,
        municipality_code,
        reporting_date,
        org_unit_code,
        'NETTO' as line_code,
        '{{ figure }}' as figure,
        sum(case when item_code in ('TULOT', 'MENOT') then {{ figure }} else 0 end)
            as expected_amount,
        sum(case when item_code = 'NETTO' then {{ figure }} else 0 end) as reported_amount
    from investments
    group by municipality_code, reporting_date, org_unit_code
    having expected_amount != reported_amount
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

all_failures as (
    select * from subtotal_failures
    union all by name
    select * from investment_failures
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='line_code',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='expected_amount',
            actual='reported_amount',
            explanation="'Yksikkö ' || org_unit_code || ' ' || strftime(reporting_date, '%-d.%-m.%Y') || ', '
                || case when review_table = 'investments' then 'investoinnit NETTO' else line_code end
                || ' ' || " ~ figure_label('figure', 'reporting_date') ~ "
                || ': tulostettu ' || " ~ format_eur('reported_amount') ~ "
                || ' €, mutta sen osat ovat yhteensä ' || " ~ format_eur('expected_amount') ~ "
                || ' € (erotus ' || " ~ format_eur('reported_amount - expected_amount') ~ " || ' €)'"
        ) }}
    from all_failures
)

select * from final
