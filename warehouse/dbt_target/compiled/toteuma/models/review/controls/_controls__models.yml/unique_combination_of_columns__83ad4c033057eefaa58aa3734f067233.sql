

with keyed as (
    select municipality_code, reporting_date, org_unit_code, status_seq
    from "toteuma"."review"."releases"
),

duplicates as (
    select
        municipality_code, reporting_date, org_unit_code, status_seq,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

