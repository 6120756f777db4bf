with indicator_values as (
    select * from "toteuma"."raw"."indicator_values"
),

final as (
    select
        md5(concat_ws(
            '|', municipality_code, org_unit_code,
            rtrim(lower(regexp_replace(trim(indicator_name), '\s+', ' ', 'g')), '.')
        )) as indicator_key,
        municipality_code,
        org_unit_code,
        reporting_date,
        theme_text,
        indicator_name,
        year,
        case value_kind when 'Toteutuma' then 'actual' when 'Tavoite' then 'target' end as kind,
        value_seq,
        value_text,
        cast(value_low as decimal(18, 2)) as value_low,
        cast(value_high as decimal(18, 2)) as value_high,
        value_unit,
        value_note as source_note,
        source_file,
        source_sheet,
        source_row,
        cell as source_cell
    from indicator_values
)

select * from final