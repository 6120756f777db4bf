

with keyed as (
    select source_file, source_sheet, source_row, as_of_date
    from "toteuma"."staging"."stg_goals__goal_assessments"
),

duplicates as (
    select
        source_file, source_sheet, source_row, as_of_date,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

