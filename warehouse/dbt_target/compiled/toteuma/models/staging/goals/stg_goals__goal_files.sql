with goal_files as (
    select * from "toteuma"."raw"."goal_files"
),

final as (
    select
        source_file,
        source_hash,
        municipality_code,
        org_unit_code,
        reporting_date,
        responsible_person,
        ingested_at
    from goal_files
)

select * from final