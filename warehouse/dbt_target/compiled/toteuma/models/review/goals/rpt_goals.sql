with assessments as (
    select * from "toteuma"."marts"."fct_goal_assessments"
),

goals as (
    select * from "toteuma"."marts"."dim_goal"
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
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from assessments
    inner join goals on assessments.goal_key = goals.goal_key
    left join "toteuma"."marts"."fct_release_status" as status
        on assessments.municipality_code = status.municipality_code
        and assessments.assessment_date = status.reporting_date
        and assessments.org_unit_code = status.org_unit_code
)

select * from final