with projects as (
    select * from "toteuma"."staging"."stg_goals__projects"
),

themes as (
    select * from "toteuma"."intermediate"."int_goal_themes_matched"
),

final as (
    select
        md5(concat_ws('|', projects.source_file, projects.source_sheet, projects.source_row))
            as project_key,
        projects.municipality_code,
        projects.org_unit_code,
        projects.reporting_date,
        themes.theme_code,
        coalesce(themes.theme_name, themes.theme_first_line) as theme,
        projects.project_name,
        projects.period_text,
        projects.total_funding,
        projects.funders,
        projects.city_share_pct,
        projects.city_share_text,
        projects.expense_realization_pct,
        projects.status_text,
        projects.description as project_description,
        projects.source_file,
        projects.source_sheet,
        projects.source_row
    from projects
    left join themes on projects.theme_text = themes.theme_text
)

select * from final