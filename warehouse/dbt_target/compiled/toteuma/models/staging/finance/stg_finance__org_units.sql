with source as (
    select * from "toteuma"."raw"."org_units"
),

renamed as (
    select
        trim(municipality_code) as municipality_code,
        trim(unit_code) as org_unit_code,
        trim(unit_name) as org_unit_name,
        upper(trim(level_name)) as org_level,
        nullif(trim(parent_code), '') as parent_code,
        valid_from as valid_from_date,
        -- an open end is stored as the far future so validity checks are plain betweens
        coalesce(valid_to, date '9999-12-31') as valid_to_date,
        source_file,
        source_row
    from source
)

select * from renamed