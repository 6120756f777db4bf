with org_units as (
    select * from {{ ref('stg_finance__org_units') }}
),

final as (
    select
        municipality_code,
        org_unit_code,
        org_unit_name,
        org_level,
        parent_code,
        valid_from_date,
        valid_to_date,
        -- the row-current flag of a type-2 dimension: the version the organisation file
        -- leaves open (Voimassa asti empty). Not "valid today": a table built from the data
        -- alone needs no rebuild when only the day changes.
        valid_to_date = date '9999-12-31' as is_current
    from org_units
)

select * from final
