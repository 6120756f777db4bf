with projects as (
    select * from "toteuma"."raw"."projects"
),

final as (
    select
        municipality_code,
        org_unit_code,
        reporting_date,
        theme_text,
        project_name,
        period_text,
        cast(total_funding as decimal(18, 2)) as total_funding,
        funder as funders,
        cast(city_share_pct as decimal(18, 2)) as city_share_pct,
        city_share_text,
        cast(expense_realisation_pct as decimal(18, 2)) as expense_realization_pct,
        status_text,
        description,
        source_file,
        source_sheet,
        source_row
    from projects
)

select * from final