
    

    create  table
      "toteuma"."marts"."fct_goal_assessments__dbt_tmp"
  
    
    as (
      -- Every goal on every date its sheet reports on (int_goal_assessment_dates_expected), with
-- the assessment text where one was written. When several workbooks cover one goal and
-- date, the workbook made on that date wins, else the latest. The status (Tila) is what a
-- workbook says on its own reporting date, so it is filled only on that date's row.
with goals as (
    select * from "toteuma"."staging"."stg_goals__goals"
),

expected_dates as (
    select * from "toteuma"."intermediate"."int_goal_assessment_dates_expected"
),

assessments as (
    select * from "toteuma"."staging"."stg_goals__goal_assessments"
),

statuses as (
    select * from "toteuma"."intermediate"."int_goal_statuses_normalised"
),

goal_dates as (
    select
        goals.*,
        expected_dates.as_of_date,
        assessments.assessment_text,
        assessments.assessment_cell,
        row_number() over (
            partition by goals.goal_key, expected_dates.as_of_date
            order by
                goals.reporting_date = expected_dates.as_of_date desc,
                goals.reporting_date desc,
                goals.source_file desc,
                goals.source_row asc
        ) as preference
    from goals
    inner join expected_dates
        on goals.source_file = expected_dates.source_file
        and goals.source_sheet = expected_dates.source_sheet
    left join assessments
        on goals.source_file = assessments.source_file
        and goals.source_sheet = assessments.source_sheet
        and goals.source_row = assessments.source_row
        and expected_dates.as_of_date = assessments.as_of_date
),

preferred as (
    select
        *,
        reporting_date = as_of_date as assessment_date_is_reporting_date
    from goal_dates
    where preference = 1
),

final as (
    select
        preferred.goal_key,
        preferred.municipality_code,
        preferred.org_unit_code,
        preferred.goal_kind,
        preferred.as_of_date as assessment_date,
        preferred.reporting_date as workbook_reporting_date,
        preferred.assessment_date_is_reporting_date,
        preferred.assessment_text,
        preferred.assessment_text is not null as has_assessment,
        case when preferred.assessment_date_is_reporting_date then statuses.status end as status,
        case
            when preferred.assessment_date_is_reporting_date then preferred.status_original
        end as status_original,
        case
            when preferred.assessment_date_is_reporting_date then statuses.is_status_normalised
        end as is_status_normalised,
        case
            when preferred.assessment_date_is_reporting_date then statuses.status_match_kind
        end as status_match_kind,
        preferred.source_file,
        preferred.source_sheet,
        preferred.source_row,
        preferred.assessment_cell
    from preferred
    left join statuses
        on preferred.status_original is not distinct from statuses.status_original
)

select * from final
    );
    
  