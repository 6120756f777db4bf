-- The controllers' explanations, one row per section of their files: each unit's narrative
-- (line_code null, section_seq 0) and its line explanations, from the Markdown files of
-- the controls folder (controls/explanations/<kunta>/<unit>/<date>.md).
with explanations as (
    select * from "toteuma"."staging"."stg_controls__explanations"
),

units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

report_lines as (
    select * from "toteuma"."seeds"."report_lines"
),

final as (
    select
        cast(explanations.municipality_code as varchar) as municipality_code,
        cast(explanations.reporting_date as date) as reporting_date,
        cast(explanations.org_unit_code as varchar) as org_unit_code,
        cast(units.org_unit_name as varchar) as org_unit_name,
        cast(explanations.section_seq as integer) as section_seq,
        cast(explanations.heading as varchar) as heading,
        cast(explanations.line_code as varchar) as line_code,
        cast(report_lines.line_name as varchar) as line_name,
        cast(explanations.body as varchar) as explanation_text,
        cast(explanations.source_file as varchar) as source_file
    from explanations
    left join units
        on explanations.municipality_code = units.municipality_code
        and explanations.reporting_date = units.reporting_date
        and explanations.org_unit_code = units.org_unit_code
    left join report_lines
        on explanations.line_code = report_lines.line_code
)

select * from final