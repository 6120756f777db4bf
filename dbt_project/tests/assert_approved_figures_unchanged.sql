{{ config(
    severity='warn',
    meta={
        'check': 'approved_figures_unchanged',
        'layer': 'judgement',
        'explanation': 'Approved figures changed: the ledger now gives other figures for a unit and date a controller signed off. The review keeps the approved figures until the unit is signed off again; each row is one changed cell.',
        'selite': 'Hyväksytyt luvut muuttuivat: kirjanpito antaa nyt toisen luvun hyväksytylle yksikölle ja päivälle. Katsaus näyttää hyväksytyt luvut, kunnes yksikkö hyväksytään uudelleen; jokainen rivi on yksi muuttunut solu.',
        'dagster': {'ref': {'name': 'rpt_income_statement'}},
    },
) }}
-- Rule: every cell of the review tables (income_statement, investments) of a unit and
-- date under a sign-off equals what the ledger gives now (int_approved_figure_changes).
-- A failing row is one changed cell: expected = the approved figure, actual = the
-- ledger's figure now, difference = actual - expected. The published review keeps the
-- approved figure; the new one is published after a new `toteuma signoff`.
-- Extra columns: figure (the review column), table_name.
with changes as (
    select * from {{ ref('int_approved_figure_changes') }}
),

units as (
    select * from {{ ref('int_org_units_on_reporting_dates') }}
),

report_lines as (
    select * from {{ ref('report_lines') }}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='changes.municipality_code',
            org_unit_code='changes.org_unit_code',
            line_code="case when changes.table_name = 'investments' then 'INVESTOINNIT_' || changes.line_code else changes.line_code end",
            period="strftime(changes.reporting_date, '%Y-%m-%d')",
            expected='changes.approved_amount',
            actual='changes.current_amount',
            explanation="'Yksikkö ' || changes.org_unit_code || coalesce(' ' || units.org_unit_name, '')
                || ', ' || strftime(changes.reporting_date, '%-d.%-m.%Y') || ', '
                || coalesce(report_lines.line_name || ' (' || changes.line_code || ')', 'investoinnit ' || changes.line_code)
                || ', ' || " ~ figure_label('changes.figure', 'changes.reporting_date') ~ "
                || ': hyväksytty ' || " ~ format_eur('changes.approved_amount') ~ "
                || ', kirjanpidon mukaan nyt ' || " ~ format_eur('changes.current_amount') ~ "
                || ' (erotus ' || " ~ format_eur('changes.current_amount - changes.approved_amount') ~ "
                || '). Katsauksessa pysyy ' || changes.signed_by || ' ' || strftime(changes.signed_at, '%-d.%-m.%Y')
                || ' hyväksymä luku, kunnes yksikkö hyväksytään uudelleen.'"
        ) }},
        changes.figure,
        changes.table_name
    from changes
    left join units
        on changes.municipality_code = units.municipality_code
        and changes.reporting_date = units.reporting_date
        and changes.org_unit_code = units.org_unit_code
    left join report_lines
        on changes.table_name = 'income_statement'
        and changes.line_code = report_lines.line_code
)

select * from final
