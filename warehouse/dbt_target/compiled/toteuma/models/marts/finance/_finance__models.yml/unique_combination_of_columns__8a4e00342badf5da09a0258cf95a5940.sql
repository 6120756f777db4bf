

with keyed as (
    select municipality_code, org_unit_code, valid_from_date
    from "toteuma"."marts"."dim_org_unit"
),

duplicates as (
    select
        municipality_code, org_unit_code, valid_from_date,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

