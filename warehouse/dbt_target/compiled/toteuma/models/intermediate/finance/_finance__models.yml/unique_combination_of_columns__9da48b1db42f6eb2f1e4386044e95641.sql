

with keyed as (
    select municipality_code, reporting_date
    from "toteuma"."intermediate"."int_reporting_dates"
),

duplicates as (
    select
        municipality_code, reporting_date,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

