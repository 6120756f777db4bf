

with checked as (
    select formula_level as checked_value
    from "toteuma"."seeds"."report_line_components"
    where formula_level is not null
),

out_of_range as (
    select * from checked
    where false or checked_value < 1 or checked_value > 4
)

select * from out_of_range

