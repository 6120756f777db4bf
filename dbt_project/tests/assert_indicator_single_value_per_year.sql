{{ config(
    severity='warn',
    meta={
        'dagster': {'ref': {'name': 'fct_indicator_values'}},
        'check': 'indicator_single_value_per_year',
        'layer': 'judgement',
        'explanation': 'An indicator reported twice for the same year and kind in one workbook, with two different values.',
        'selite': 'Tunnusluku on annettu samassa työkirjassa kahdesti samalle vuodelle kahdella eri arvolla.'
    }
) }}
-- A failing row pairs the first value of an indicator, year and kind in a workbook
-- (expected) with another, different value (actual), e.g. net migration 2024: 15 by the
-- city's register, 53 by Statistics Finland. A controller decides which one is published.
with indicator_values as (
    select * from {{ ref('fct_indicator_values') }}
),

indicators as (
    select * from {{ ref('dim_indicator') }}
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
        {{ evidence_columns(
            municipality_code='pairs.municipality_code',
            org_unit_code='pairs.org_unit_code',
            line_code='indicators.indicator_name',
            period='pairs.year',
            expected='pairs.first_value_low',
            actual='pairs.value_low',
            source_file='pairs.source_file',
            source_row='pairs.source_row',
            explanation="'Tunnusluvulla ''' || indicators.indicator_name || ''' on kaksi '
                || case pairs.kind when 'actual' then 'toteuma' when 'target' then 'tavoite' else pairs.kind end
                || 'arvoa vuodelle ' || pairs.year || ': '''
                || pairs.first_value_text || ''' ja ''' || pairs.value_text
                || ''' (solu ' || pairs.source_cell || ').'"
        ) }}
    from pairs
    inner join indicators on pairs.indicator_key = indicators.indicator_key
)

select * from final
