with source as (
    select * from "toteuma"."controls"."explanations"
),

final as (
    select
        municipality_code,
        org_unit_code,
        reporting_date,
        section_seq,
        heading,
        line_code,
        body,
        source_file
    from source
)

select * from final