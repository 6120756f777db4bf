

with keyed as (
    select subtotal_code, component_code
    from "toteuma"."seeds"."report_line_components"
),

duplicates as (
    select
        subtotal_code, component_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

