

with keyed as (
    select municipality_code, org_unit_code, reporting_date, goal_kind, goal_text
    from "toteuma"."review"."goals"
),

duplicates as (
    select
        municipality_code, org_unit_code, reporting_date, goal_kind, goal_text,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

