

with failing as (
    select *
    from "toteuma"."review"."risks"
    where not coalesce((risk_score is not distinct from probability * significance), false)
)

select * from failing

