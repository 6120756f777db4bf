with assessments as (
    select * from {{ ref('fct_goal_assessments') }}
),

goals as (
    select * from {{ ref('dim_goal') }}
),

final as (
    select
        assessments.municipality_code,
        assessments.org_unit_code,
        assessments.assessment_date as reporting_date,
        assessments.goal_kind,
        goals.theme,
        goals.goal_text,
        goals.measure_text,
        goals.responsible,
        assessments.assessment_text,
        assessments.status,
        assessments.status_original,
        assessments.is_status_normalised,
        assessments.source_file,
        assessments.source_row,
        {{ release_columns() }}
    from assessments
    inner join goals on assessments.goal_key = goals.goal_key
    left join {{ ref('fct_release_status') }} as status
        on assessments.municipality_code = status.municipality_code
        and assessments.assessment_date = status.reporting_date
        and assessments.org_unit_code = status.org_unit_code
)

select * from final
