-- description (Selite) is left out on purpose: it may hold personal names.
with source as (
    select * from "toteuma"."raw"."gl_postings"
),

renamed as (
    select
        trim(municipality_code) as municipality_code,
        fiscal_year,
        period_month,
        posting_date,
        voucher_no,
        trim(cost_centre_code) as cost_centre_code,
        trim(account_code) as account_code,
        nullif(trim(project_code), '') as project_code,
        debit,
        credit,
        amount,
        source_file,
        source_hash,
        source_row
    from source
)

select * from renamed