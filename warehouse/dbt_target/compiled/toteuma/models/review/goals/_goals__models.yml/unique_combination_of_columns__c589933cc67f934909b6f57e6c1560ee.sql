

with keyed as (
    select municipality_code, org_unit_code, reporting_date, goal_kind, theme
    from "toteuma"."review"."goal_status_summary"
),

duplicates as (
    select
        municipality_code, org_unit_code, reporting_date, goal_kind, theme,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

