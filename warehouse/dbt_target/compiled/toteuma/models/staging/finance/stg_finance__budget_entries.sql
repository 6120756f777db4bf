with source as (
    select * from "toteuma"."raw"."budget_entries"
),

renamed as (
    select
        trim(municipality_code) as municipality_code,
        fiscal_year,
        trim(cost_centre_code) as cost_centre_code,
        trim(account_code) as account_code,
        upper(trim(entry_kind)) as entry_kind,
        approval_date,
        amount,
        source_file,
        source_row
    from source
)

select * from renamed