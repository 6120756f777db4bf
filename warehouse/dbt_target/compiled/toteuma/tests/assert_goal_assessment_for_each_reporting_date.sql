
-- A failing row is one goal and one Toteuma date with no text: the unit left the cell
-- empty (or wrote one text for the whole theme, which lands on the theme's first goal).
-- A warning: the board reads the report as the unit wrote it, gaps included.
with assessments as (
    select * from "toteuma"."marts"."fct_goal_assessments"
),

goals as (
    select * from "toteuma"."marts"."dim_goal"
),

final as (
    select
        cast(assessments.municipality_code as varchar) as municipality_code,
    cast(assessments.org_unit_code as varchar) as org_unit_code,
    cast(goals.goal_text as varchar) as line_code,
    cast(strftime(assessments.assessment_date, '%Y-%m-%d') as varchar) as period,
    cast(null as decimal(18, 2)) as expected,
    cast(null as decimal(18, 2)) as actual,
    cast(cast(null as decimal(18, 2)) - cast(null as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(assessments.source_file as varchar) as source_file,
    cast(assessments.source_row as integer) as source_row,
    cast('Tavoitteelta välilehden ''' || assessments.source_sheet || ''' rivillä '
                || assessments.source_row || ' puuttuu arvio päivälle Toteuma '
                || strftime(assessments.assessment_date, '%-d.%-m.%Y') || '.' as varchar) as explanation
    from assessments
    inner join goals on assessments.goal_key = goals.goal_key
    where not assessments.has_assessment
)

select * from final