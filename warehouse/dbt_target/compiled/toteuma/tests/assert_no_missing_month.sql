
-- Rule: per municipality, every month between the first and the last ledger month
-- loaded has ledger data: postings, or at least an ingested gl file for it (an empty
-- export still counts as loaded).
-- A failing row is a month whose gl export never arrived (or was loaded for another
-- municipality): every year-to-date figure from that month on lacks its postings.
-- Evidence: one row per municipality and missing month; period = 'YYYY-MM'.
with actuals as (
    select * from "toteuma"."marts"."fct_actuals_monthly"
),

ingested_files as (
    select * from "toteuma"."raw"."ingested_files"
),

loaded_months as (
    select distinct municipality_code, make_date(fiscal_year, period_month, 1) as month_start
    from actuals
    union
    select distinct trim(municipality_code), make_date(fiscal_year, period_month, 1)
    from ingested_files
    where
        source_kind = 'gl_postings'
        and fiscal_year is not null
        and period_month between 1 and 12
),

bounds as (
    select
        municipality_code,
        min(month_start) as first_month,
        max(month_start) as last_month
    from loaded_months
    group by all
),

expected_months as (
    select
        bounds.municipality_code,
        bounds.first_month,
        bounds.last_month,
        cast(
            unnest(generate_series(bounds.first_month, bounds.last_month, interval 1 month)) as date
        )
            as month_start
    from bounds
),

missing as (
    select expected_months.*
    from expected_months
    left join loaded_months
        on expected_months.municipality_code = loaded_months.municipality_code
        and expected_months.month_start = loaded_months.month_start
    where loaded_months.month_start is null
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(null as varchar) as org_unit_code,
    cast(null as varchar) as line_code,
    cast(strftime(month_start, '%Y-%m') as varchar) as period,
    cast(null as decimal(18, 2)) as expected,
    cast(null as decimal(18, 2)) as actual,
    cast(cast(null as decimal(18, 2)) - cast(null as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Kunta ' || municipality_code || ': kuukaudelta '
                || strftime(month_start, '%-m/%Y') || ' ei ole kirjanpitotietoja, vaikka kuukaudet '
                || strftime(first_month, '%-m/%Y') || '–' || strftime(last_month, '%-m/%Y')
                || ' on ladattu (puuttuuko kuukauden ' || strftime(month_start, '%-m/%Y') || ' kirjanpitotiedosto?)' as varchar) as explanation
    from missing
)

select * from final