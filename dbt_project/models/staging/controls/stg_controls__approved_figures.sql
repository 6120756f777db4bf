with source as (
    select * from {{ source('controls', 'approved_figures') }}
),

final as (
    select
        signoff_id,
        municipality_code,
        reporting_date,
        table_name,
        org_unit_code,
        org_unit_name,
        org_level,
        is_valid_on_reporting_date,
        line_code,
        {{ figure_list() }},
        forecast
    from source
)

select * from final
