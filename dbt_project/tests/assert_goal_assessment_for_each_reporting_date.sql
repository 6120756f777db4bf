{{ config(
    severity='warn',
    meta={
        'dagster': {'ref': {'name': 'fct_goal_assessments'}},
        'check': 'goal_assessment_for_each_reporting_date',
        'layer': 'incoming',
        'explanation': 'Every goal should have an assessment text (Toteuma) for each date its sheet reports on, up to the workbook reporting date.',
        'selite': 'Jokaisella tavoitteella pitäisi olla arvio (Toteuma) jokaiselle raportointipäivälle työkirjan päivään asti.'
    }
) }}
-- A failing row is one goal and one Toteuma date with no text: the unit left the cell
-- empty (or wrote one text for the whole theme, which lands on the theme's first goal).
-- A warning: the board reads the report as the unit wrote it, gaps included.
with assessments as (
    select * from {{ ref('fct_goal_assessments') }}
),

goals as (
    select * from {{ ref('dim_goal') }}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='assessments.municipality_code',
            org_unit_code='assessments.org_unit_code',
            line_code='goals.goal_text',
            period="strftime(assessments.assessment_date, '%Y-%m-%d')",
            source_file='assessments.source_file',
            source_row='assessments.source_row',
            explanation="'Tavoitteelta välilehden ''' || assessments.source_sheet || ''' rivillä '
                || assessments.source_row || ' puuttuu arvio päivälle Toteuma '
                || strftime(assessments.assessment_date, '%-d.%-m.%Y') || '.'"
        ) }}
    from assessments
    inner join goals on assessments.goal_key = goals.goal_key
    where not assessments.has_assessment
)

select * from final
