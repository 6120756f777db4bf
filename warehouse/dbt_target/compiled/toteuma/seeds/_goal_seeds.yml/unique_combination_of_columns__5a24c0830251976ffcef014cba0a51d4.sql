

with keyed as (
    select theme_code, sub_theme_order
    from "toteuma"."seeds"."strategic_themes"
),

duplicates as (
    select
        theme_code, sub_theme_order,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

