with projects as (
    select * from "toteuma"."marts"."fct_projects"
),

final as (
    select
        projects.municipality_code,
        projects.org_unit_code,
        projects.reporting_date,
        projects.theme,
        projects.project_name,
        projects.period_text,
        projects.total_funding,
        projects.funders,
        projects.city_share_pct,
        projects.city_share_text,
        projects.expense_realization_pct,
        projects.status_text,
        projects.source_file,
        projects.source_row,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from projects
    left join "toteuma"."marts"."fct_release_status" as status
        on projects.municipality_code = status.municipality_code
        and projects.reporting_date = status.reporting_date
        and projects.org_unit_code = status.org_unit_code
)

select * from final