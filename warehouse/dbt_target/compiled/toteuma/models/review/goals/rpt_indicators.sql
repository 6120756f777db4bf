-- For each indicator, year and kind, the values of the latest workbook that reports them
-- (two values when two sources are printed). An actual meets the target when both are
-- numbers: actual value_low >= the year's target value_low (higher is better).
with indicator_values as (
    select * from "toteuma"."marts"."fct_indicator_values"
),

indicators as (
    select * from "toteuma"."marts"."dim_indicator"
),

latest_report as (
    select
        *,
        max(reporting_date) over (partition by indicator_key, year, kind) as latest_date
    from indicator_values
),

latest_values as (
    select * from latest_report
    where reporting_date = latest_date
),

targets as (
    select indicator_key, year, min(value_low) as target_low
    from latest_values
    where kind = 'target'
    group by indicator_key, year
),

final as (
    select
        latest_values.municipality_code,
        latest_values.org_unit_code,
        indicators.indicator_name,
        latest_values.year,
        latest_values.kind,
        latest_values.value_seq,
        latest_values.value_text,
        latest_values.value_low,
        latest_values.value_high,
        latest_values.value_unit,
        latest_values.source_note,
        case
            when latest_values.kind = 'actual' and latest_values.value_low is not null
                then latest_values.value_low >= targets.target_low
        end as is_target_met,
        latest_values.reporting_date,
        latest_values.source_file,
        latest_values.source_row,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from latest_values
    inner join indicators on latest_values.indicator_key = indicators.indicator_key
    left join targets
        on latest_values.indicator_key = targets.indicator_key
        and latest_values.year = targets.year
    left join "toteuma"."marts"."fct_release_status" as status
        on latest_values.municipality_code = status.municipality_code
        and latest_values.reporting_date = status.reporting_date
        and latest_values.org_unit_code = status.org_unit_code
)

select * from final