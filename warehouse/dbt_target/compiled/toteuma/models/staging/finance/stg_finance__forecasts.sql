with source as (
    select * from "toteuma"."raw"."forecasts"
),

renamed as (
    select
        trim(municipality_code) as municipality_code,
        fiscal_year,
        forecast_month,
        trim(org_unit_code) as org_unit_code,
        upper(trim(line_code)) as line_code,
        amount,
        source_file,
        source_row
    from source
)

select * from renamed