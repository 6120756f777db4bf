

with keyed as (
    select municipality_code, reporting_date, org_unit_code
    from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

duplicates as (
    select
        municipality_code, reporting_date, org_unit_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

