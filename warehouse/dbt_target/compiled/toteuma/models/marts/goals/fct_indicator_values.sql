-- Every printed indicator value of every workbook, parsed: '6–10 tonttia.' gives
-- value_low 6, value_high 10, value_unit 'tonttia'; text values keep only value_text.
with indicator_values as (
    select * from "toteuma"."staging"."stg_goals__indicator_values"
),

final as (
    select
        indicator_key,
        municipality_code,
        org_unit_code,
        reporting_date,
        year,
        kind,
        value_seq,
        value_text,
        value_low,
        value_high,
        value_unit,
        source_note,
        source_file,
        source_sheet,
        source_row,
        source_cell
    from indicator_values
)

select * from final