{{ config(
    severity='warn',
    meta={
        'dagster': {'ref': {'name': 'fct_projects'}},
        'check': 'project_expense_realisation_within_funding',
        'layer': 'judgement',
        'explanation': 'A project whose expenses exceed its funding (Menojen toteuma % above 100) needs a controller to explain or correct it.',
        'selite': 'Hanke, jonka menot ylittävät rahoituksen (menojen toteuma yli 100 %), on selitettävä tai korjattava.'
    }
) }}
-- A failing row is a project that has spent more than its total funding, e.g. Heinolan
-- harrastekerhot at 228 % in 1-3/2025. Legal (extra funding, a typo), but the board must
-- not read it unexplained.
with projects as (
    select * from {{ ref('fct_projects') }}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='project_name',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='100',
            actual='expense_realization_pct',
            source_file='source_file',
            source_row='source_row',
            explanation="'Hanke ''' || project_name || ''' (välilehti ''' || source_sheet
                || ''', rivi ' || source_row || ') on käyttänyt '
                || " ~ format_pct('expense_realization_pct') ~ " || ' rahoituksestaan '
                || " ~ format_eur('total_funding') ~ " || ' €.'"
        ) }}
    from projects
    where expense_realization_pct > 100
)

select * from final
