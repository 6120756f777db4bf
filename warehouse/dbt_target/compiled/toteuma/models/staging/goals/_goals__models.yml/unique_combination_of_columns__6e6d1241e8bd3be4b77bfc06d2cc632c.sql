

with keyed as (
    select source_file, source_cell, value_seq
    from "toteuma"."staging"."stg_goals__indicator_values"
),

duplicates as (
    select
        source_file, source_cell, value_seq,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

