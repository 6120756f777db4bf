
    

    create  table
      "toteuma"."marts"."dim_goal__dbt_tmp"
  
    
    as (
      -- A goal is identified by its unit, year, kind and text: the quarterly workbooks of one
-- year repeat it, and the latest workbook's wording of measure and responsible wins.
with goals as (
    select * from "toteuma"."staging"."stg_goals__goals"
),

themes as (
    select * from "toteuma"."intermediate"."int_goal_themes_matched"
),

ranked as (
    select
        *,
        min(reporting_date) over (partition by goal_key) as first_reporting_date,
        max(reporting_date) over (partition by goal_key) as last_reporting_date,
        row_number() over (
            partition by goal_key
            order by reporting_date desc, source_file desc, source_row asc
        ) as recency
    from goals
),

final as (
    select
        ranked.goal_key,
        ranked.municipality_code,
        ranked.org_unit_code,
        ranked.goal_year,
        ranked.goal_kind,
        themes.theme_code,
        coalesce(themes.theme_name, themes.theme_first_line) as theme,
        ranked.theme_text,
        ranked.goal_text,
        ranked.measure_text,
        ranked.responsible,
        ranked.first_reporting_date,
        ranked.last_reporting_date,
        ranked.source_file,
        ranked.source_sheet,
        ranked.source_row
    from ranked
    left join themes on ranked.theme_text = themes.theme_text
    where ranked.recency = 1
)

select * from final
    );
    
  