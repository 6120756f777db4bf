

with keyed as (
    select municipality_code, org_unit_code, indicator_name, year, kind, value_seq
    from "toteuma"."review"."indicators"
),

duplicates as (
    select
        municipality_code, org_unit_code, indicator_name, year, kind, value_seq,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

