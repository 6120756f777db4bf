
-- A failing row pairs the first value of an indicator, year and kind in a workbook
-- (expected) with another, different value (actual), e.g. net migration 2024: 15 by the
-- city's register, 53 by Statistics Finland. A controller decides which one is published.
with indicator_values as (
    select * from "toteuma"."marts"."fct_indicator_values"
),

indicators as (
    select * from "toteuma"."marts"."dim_indicator"
),

numbered as (
    select
        *,
        row_number() over (
            partition by source_file, indicator_key, year, kind
            order by source_row, value_seq
        ) as position
    from indicator_values
),

pairs as (
    select
        later.*,
        first_value.value_text as first_value_text,
        first_value.value_low as first_value_low
    from numbered as later
    inner join numbered as first_value
        on later.source_file = first_value.source_file
        and later.indicator_key = first_value.indicator_key
        and later.year = first_value.year
        and later.kind = first_value.kind
        and first_value.position = 1
    where
        later.position > 1
        and later.value_text is distinct from first_value.value_text
),

final as (
    select
        cast(pairs.municipality_code as varchar) as municipality_code,
    cast(pairs.org_unit_code as varchar) as org_unit_code,
    cast(indicators.indicator_name as varchar) as line_code,
    cast(pairs.year as varchar) as period,
    cast(pairs.first_value_low as decimal(18, 2)) as expected,
    cast(pairs.value_low as decimal(18, 2)) as actual,
    cast(cast(pairs.value_low as decimal(18, 2)) - cast(pairs.first_value_low as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(pairs.source_file as varchar) as source_file,
    cast(pairs.source_row as integer) as source_row,
    cast('Tunnusluvulla ''' || indicators.indicator_name || ''' on kaksi '
                || case pairs.kind when 'actual' then 'toteuma' when 'target' then 'tavoite' else pairs.kind end
                || 'arvoa vuodelle ' || pairs.year || ': '''
                || pairs.first_value_text || ''' ja ''' || pairs.value_text
                || ''' (solu ' || pairs.source_cell || ').' as varchar) as explanation
    from pairs
    inner join indicators on pairs.indicator_key = indicators.indicator_key
)

select * from final