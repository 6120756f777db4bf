

with keyed as (
    select municipality_code, org_unit_code, reporting_date, source_row
    from "toteuma"."review"."risks"
),

duplicates as (
    select
        municipality_code, org_unit_code, reporting_date, source_row,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

