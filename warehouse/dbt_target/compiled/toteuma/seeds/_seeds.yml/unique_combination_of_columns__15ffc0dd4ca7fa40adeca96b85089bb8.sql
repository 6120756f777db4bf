

with keyed as (
    select line_code, report_year_from
    from "toteuma"."seeds"."report_line_year_mapping"
),

duplicates as (
    select
        line_code, report_year_from,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

