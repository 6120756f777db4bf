{{ config(
    severity='warn',
    meta={
        'check': 'forecast_grains_agree',
        'layer': 'judgement',
        'explanation': 'Two grains of one forecast disagree: a given subtotal is not the sum of its given lines, or a unit\'s given figure is not the sum of its child units\' forecasts. The published forecast shows the given figure; a controller decides which grain is right.',
        'selite': 'Saman ennusteen kaksi tasoa eivät täsmää: annettu välisumma ei ole rivien summa tai yksikön luku ei ole alayksiköiden ennusteiden summa. Katsaus näyttää annetun luvun; controller päättää, kumpi taso on oikein.',
        'dagster': {'ref': {'name': 'fct_forecasts'}},
    },
) }}
-- Checks the newest forecast file of each municipality and year (fct_forecasts
-- is_latest_of_year: a file is the whole forecast as of its month and replaces the
-- earlier ones; superseded files are not re-checked every night). Lines are mapped to
-- the line of the report year as in int_forecasts_resolved (rents into MUUT_* from 2024).
-- A unit's "resolved" forecast of a line is resolved as in int_forecasts_resolved: the
-- given figure wins, a subtotal without one is the sum of its components' resolved
-- forecasts (missing components count as 0; no component at all = no forecast).
-- (a) subtotal vs its components: a subtotal given explicitly for a unit is compared with
--     the sum of its direct components' resolved forecasts for the same unit (for
--     TOIMINTAKULUT: the given cost lines), when at least one component has a forecast.
--     expected = the given subtotal, actual = the sum of its components.
-- (b) parent vs children: any figure given explicitly for a unit is compared with the
--     sum of the resolved forecasts of the same line of its direct children (units
--     whose parent is the unit on the last day of the forecast month), when at least one
--     child has a forecast for the line (children without one count as 0).
--     expected = the unit's given figure, actual = the sum of its children.
-- Heinola 2026: Yhteiset palvelut (600) gives Toimintakulut -9 720 700, its cost lines
-- sum to -10 233 700 -> (a) row: expected -9 720 700, actual -10 233 700, difference
-- -513 000; its 7 responsibility areas sum to -9 720 700 -> no (b) row.
-- Evidence: period = the forecast file's month 'YYYY-MM'; source_file / source_row = the
-- given figure's row in the forecast file.
with forecasts as (
    select * from {{ ref('fct_forecasts') }}
    where is_latest_of_year
),

org_units as (
    select * from {{ ref('stg_finance__org_units') }}
),

report_lines as (
    select * from {{ ref('report_lines') }}
),

components as (
    select * from {{ ref('report_line_components') }}
),

line_mapping as (
    select * from {{ ref('report_line_year_mapping') }}
),

given as (
    select
        forecasts.municipality_code,
        forecasts.fiscal_year,
        forecasts.forecast_month,
        forecasts.org_unit_code,
        coalesce(line_mapping.reported_as, forecasts.line_code) as line_code,
        sum(forecasts.amount) as forecast,
        min(forecasts.source_file) as source_file,
        min(forecasts.source_row) as source_row
    from forecasts
    left join line_mapping
        on forecasts.line_code = line_mapping.line_code
        and forecasts.fiscal_year >= line_mapping.report_year_from
        and forecasts.fiscal_year <= line_mapping.report_year_to
    group by all
),

{{ forecast_resolution_ctes(['municipality_code', 'fiscal_year', 'forecast_month']) }}

-- (a) a given subtotal vs the sum of its direct components' resolved forecasts
subtotal_vs_components as (
    select
        given.municipality_code, given.fiscal_year, given.forecast_month,
        given.org_unit_code, given.line_code, given.source_file, given.source_row,
        'a' as comparison,
        any_value(given.forecast) as given_forecast,
        sum(resolved.forecast) as parts_forecast,
        count(*) as part_count,
        string_agg(resolved.line_code, ' + ' order by resolved.line_code) as parts
    from given
    inner join components
        on given.line_code = components.subtotal_code
    inner join resolved
        on given.municipality_code = resolved.municipality_code
        and given.fiscal_year = resolved.fiscal_year
        and given.forecast_month = resolved.forecast_month
        and given.org_unit_code = resolved.org_unit_code
        and components.component_code = resolved.line_code
    group by all
),

-- (b) a given figure vs the sum of its direct children's resolved forecasts
children as (
    select
        given.municipality_code, given.fiscal_year, given.forecast_month,
        given.org_unit_code, given.line_code, org_units.org_unit_code as child_code
    from given
    inner join org_units
        on given.municipality_code = org_units.municipality_code
        and given.org_unit_code = org_units.parent_code
        and last_day(make_date(given.fiscal_year, given.forecast_month, 1))
        between org_units.valid_from_date and org_units.valid_to_date
),

parent_vs_children as (
    select
        given.municipality_code, given.fiscal_year, given.forecast_month,
        given.org_unit_code, given.line_code, given.source_file, given.source_row,
        'b' as comparison,
        any_value(given.forecast) as given_forecast,
        sum(resolved.forecast) as parts_forecast,
        count(*) as part_count,
        string_agg(children.child_code, ', ' order by children.child_code) as parts
    from given
    inner join children
        on given.municipality_code = children.municipality_code
        and given.fiscal_year = children.fiscal_year
        and given.forecast_month = children.forecast_month
        and given.org_unit_code = children.org_unit_code
        and given.line_code = children.line_code
    inner join resolved
        on children.municipality_code = resolved.municipality_code
        and children.fiscal_year = resolved.fiscal_year
        and children.forecast_month = resolved.forecast_month
        and children.child_code = resolved.org_unit_code
        and children.line_code = resolved.line_code
    group by all
),

disagreements as (
    select * from subtotal_vs_components
    where given_forecast != parts_forecast
    union all
    select * from parent_vs_children
    where given_forecast != parts_forecast
),

unit_names as (
    select municipality_code, org_unit_code, valid_from_date, valid_to_date, org_unit_name
    from org_units
),

final as (
    select
        {{ evidence_columns(
            municipality_code='disagreements.municipality_code',
            org_unit_code='disagreements.org_unit_code',
            line_code='disagreements.line_code',
            period="strftime(make_date(disagreements.fiscal_year, disagreements.forecast_month, 1), '%Y-%m')",
            expected='disagreements.given_forecast',
            actual='disagreements.parts_forecast',
            source_file='disagreements.source_file',
            source_row='disagreements.source_row',
            explanation="'Ennuste ' || disagreements.fiscal_year || ' (tiedosto '
                || disagreements.forecast_month || '/' || disagreements.fiscal_year
                || '), yksikkö ' || disagreements.org_unit_code || coalesce(' ' || unit_names.org_unit_name, '')
                || ': ' || coalesce(report_lines.line_name || ' (' || disagreements.line_code || ')', disagreements.line_code)
                || ' ennuste ' || " ~ format_eur('disagreements.given_forecast') ~ "
                || case
                    when disagreements.comparison = 'a' then ' €, mutta sen rivit (' || disagreements.parts || ') ovat yhteensä '
                    else ' €, mutta sen alayksiköt, joilla on ennuste (' || disagreements.parts || '), ovat yhteensä '
                end
                || " ~ format_eur('disagreements.parts_forecast') ~ "
                || ' € (erotus ' || " ~ format_eur('disagreements.parts_forecast - disagreements.given_forecast') ~ " || ' €)'"
        ) }}
    from disagreements
    left join report_lines
        on disagreements.line_code = report_lines.line_code
    left join unit_names
        on disagreements.municipality_code = unit_names.municipality_code
        and disagreements.org_unit_code = unit_names.org_unit_code
        and last_day(make_date(disagreements.fiscal_year, disagreements.forecast_month, 1))
        between unit_names.valid_from_date and unit_names.valid_to_date
)

select * from final
