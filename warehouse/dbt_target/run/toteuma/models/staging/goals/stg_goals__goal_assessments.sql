
  
  create view "toteuma"."staging"."stg_goals__goal_assessments__dbt_tmp" as (
    with assessments as (
    select * from "toteuma"."raw"."goal_assessments"
),

final as (
    select
        source_file,
        source_sheet,
        source_row,
        cell as assessment_cell,
        as_of_date,
        assessment_text
    from assessments
)

select * from final
  );
