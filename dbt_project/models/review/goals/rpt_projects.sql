with projects as (
    select * from {{ ref('fct_projects') }}
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
        {{ release_columns() }}
    from projects
    {{ join_release_status('projects') }}
)

select * from final
