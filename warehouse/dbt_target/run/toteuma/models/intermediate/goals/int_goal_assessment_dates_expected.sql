
    

    create  table
      "toteuma"."intermediate"."int_goal_assessment_dates_expected__dbt_tmp"
  
    
    as (
      -- The dates a goal sheet reports on: every Toteuma d.m. column that holds any text in
-- that sheet, and always the workbook's own reporting date. Every goal of the sheet is
-- expected to have an assessment on each of them.
with goals as (
    select * from "toteuma"."staging"."stg_goals__goals"
),

assessments as (
    select * from "toteuma"."staging"."stg_goals__goal_assessments"
),

final as (
    select distinct source_file, source_sheet, reporting_date as as_of_date
    from goals
    union
    select distinct source_file, source_sheet, as_of_date
    from assessments
)

select * from final
    );
    
  