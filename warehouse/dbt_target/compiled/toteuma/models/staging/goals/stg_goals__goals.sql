with goals as (
    select * from "toteuma"."raw"."goals"
),

final as (
    select
        md5(concat_ws(
            '|', municipality_code, org_unit_code, year(reporting_date), goal_kind,
            lower(regexp_replace(trim(goal_text), '\s+', ' ', 'g'))
        )) as goal_key,
        municipality_code,
        org_unit_code,
        reporting_date,
        year(reporting_date) as goal_year,
        goal_kind,
        theme_text,
        goal_text,
        measure_text,
        responsible,
        status_original,
        source_file,
        source_sheet,
        source_row
    from goals
)

select * from final