

with keyed as (
    select goal_key, assessment_date
    from "toteuma"."marts"."fct_goal_assessments"
),

duplicates as (
    select
        goal_key, assessment_date,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

