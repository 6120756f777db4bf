with reporting_dates as (
    select * from {{ ref('int_reporting_dates') }}
),

org_units as (
    select * from {{ ref('stg_finance__org_units') }}
),

final as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        reporting_dates.report_year,
        reporting_dates.report_month,
        org_units.org_unit_code,
        org_units.org_unit_name,
        org_units.org_level,
        org_units.parent_code,
        org_units.valid_from_date,
        org_units.valid_to_date
    from reporting_dates
    inner join org_units
        on reporting_dates.municipality_code = org_units.municipality_code
        and reporting_dates.reporting_date
        between org_units.valid_from_date and org_units.valid_to_date
)

select * from final
