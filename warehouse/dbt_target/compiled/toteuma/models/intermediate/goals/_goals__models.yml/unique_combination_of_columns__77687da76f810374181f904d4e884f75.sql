

with keyed as (
    select source_file, source_sheet, as_of_date
    from "toteuma"."intermediate"."int_goal_assessment_dates_expected"
),

duplicates as (
    select
        source_file, source_sheet, as_of_date,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

