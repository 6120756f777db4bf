

with keyed as (
    select signoff_id
    from "toteuma"."staging"."stg_controls__signoffs"
),

duplicates as (
    select
        signoff_id,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

