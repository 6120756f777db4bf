

with keyed as (
    select month, day
    from "toteuma"."seeds"."official_reporting_dates"
),

duplicates as (
    select
        month, day,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

