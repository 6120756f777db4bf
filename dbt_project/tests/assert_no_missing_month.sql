{{ config(
    severity='warn',
    meta={
        'check': 'no_missing_month',
        'layer': 'judgement',
        'explanation': 'A ledger month between the first and the last loaded month has no data: its export is missing, so year-to-date figures from that month on are too small.',
        'selite': 'Ensimmäisen ja viimeisen ladatun kuukauden väliltä puuttuu kirjanpitokuukausi: sen vienti puuttuu, joten kertymät siitä eteenpäin ovat liian pieniä.',
        'dagster': {'ref': {'name': 'fct_actuals_monthly'}},
    },
) }}
-- Rule: per municipality, every month between the first and the last ledger month
-- loaded has ledger data: postings, or at least an ingested gl file for it (an empty
-- export still counts as loaded).
-- A failing row is a month whose gl export never arrived (or was loaded for another
-- municipality): every year-to-date figure from that month on lacks its postings.
-- Evidence: one row per municipality and missing month; period = 'YYYY-MM'.
with actuals as (
    select * from {{ ref('fct_actuals_monthly') }}
),

ingested_files as (
    select * from {{ source('raw', 'ingested_files') }}
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
        {{ evidence_columns(
            municipality_code='municipality_code',
            period="strftime(month_start, '%Y-%m')",
            explanation="'Kunta ' || municipality_code || ': kuukaudelta '
                || strftime(month_start, '%-m/%Y') || ' ei ole kirjanpitotietoja, vaikka kuukaudet '
                || strftime(first_month, '%-m/%Y') || '–' || strftime(last_month, '%-m/%Y')
                || ' on ladattu (puuttuuko kuukauden ' || strftime(month_start, '%-m/%Y') || ' kirjanpitotiedosto?)'"
        ) }}
    from missing
)

select * from final
