with projects as (
    select * from {{ ref('fct_projects') }}
),

final as (
    select
        municipality_code,
        org_unit_code,
        reporting_date,
        theme,
        project_name,
        period_text,
        total_funding,
        funders,
        city_share_pct,
        city_share_text,
        expense_realization_pct,
        status_text,
        source_file,
        source_row
    from projects
)

select * from final
