

with keyed as (
    select municipality_code, reporting_date, org_unit_code, item_code
    from "toteuma"."review"."investments"
),

duplicates as (
    select
        municipality_code, reporting_date, org_unit_code, item_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

