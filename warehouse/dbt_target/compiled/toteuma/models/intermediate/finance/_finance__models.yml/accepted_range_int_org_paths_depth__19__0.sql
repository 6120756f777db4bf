

with checked as (
    select depth as checked_value
    from "toteuma"."intermediate"."int_org_paths"
    where depth is not null
),

out_of_range as (
    select * from checked
    where false or checked_value < 0 or checked_value > 19
)

select * from out_of_range

