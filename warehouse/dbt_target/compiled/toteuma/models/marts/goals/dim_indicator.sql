-- An indicator is identified by its unit and name (ignoring case, spaces and a final
-- period); the latest workbook's wording of the name and theme wins.
with indicator_values as (
    select * from "toteuma"."staging"."stg_goals__indicator_values"
),

themes as (
    select * from "toteuma"."intermediate"."int_goal_themes_matched"
),

ranked as (
    select
        *,
        min(year) over (partition by indicator_key) as first_year,
        max(year) over (partition by indicator_key) as last_year,
        row_number() over (
            partition by indicator_key
            order by reporting_date desc, source_file desc, source_row asc
        ) as recency
    from indicator_values
),

final as (
    select
        ranked.indicator_key,
        ranked.municipality_code,
        ranked.org_unit_code,
        ranked.indicator_name,
        themes.theme_code,
        ranked.theme_text,
        ranked.first_year,
        ranked.last_year,
        ranked.reporting_date as last_reporting_date
    from ranked
    left join themes on ranked.theme_text = themes.theme_text
    where ranked.recency = 1
)

select * from final