with source as (
    select * from "toteuma"."raw"."accounts"
),

renamed as (
    select
        trim(municipality_code) as municipality_code,
        trim(account_code) as account_code,
        trim(account_name) as account_name,
        nullif(upper(trim(line_code)), '') as line_code,
        source_file,
        source_row
    from source
)

select * from renamed