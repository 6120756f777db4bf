

with keyed as (
    select table_name, municipality_code, reporting_date, org_unit_code, line_code, figure
    from "toteuma"."intermediate"."int_approved_figure_changes"
),

duplicates as (
    select
        table_name, municipality_code, reporting_date, org_unit_code, line_code, figure,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

