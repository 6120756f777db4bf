

with failing as (
    select *
    from "toteuma"."review"."goal_status_summary"
    where not coalesce((goal_count = toteutuu_count + toteutuu_osittain_count + ei_toteudu_count + ei_tietoa_count + unknown_status_count), false)
)

select * from failing

