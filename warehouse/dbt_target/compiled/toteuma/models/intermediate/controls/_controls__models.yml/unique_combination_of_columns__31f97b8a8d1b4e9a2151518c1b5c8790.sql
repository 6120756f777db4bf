

with keyed as (
    select table_name, municipality_code, reporting_date, org_unit_code, line_code
    from "toteuma"."intermediate"."int_approved_figures_in_force"
),

duplicates as (
    select
        table_name, municipality_code, reporting_date, org_unit_code, line_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

