

with keyed as (
    select signoff_id, org_unit_code
    from "toteuma"."intermediate"."int_signoff_coverage"
),

duplicates as (
    select
        signoff_id, org_unit_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

