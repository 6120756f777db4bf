

with keyed as (
    select source_file, source_row
    from "toteuma"."staging"."stg_goals__projects"
),

duplicates as (
    select
        source_file, source_row,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

