{{ config(
    severity='error',
    meta={
        'dagster': {'ref': {'name': 'fct_projects'}},
        'check': 'project_city_share_within_0_100',
        'layer': 'incoming',
        'explanation': 'A project city funding share (Kaupungin rahoitusosuus %) must be between 0 and 100 %.',
        'selite': 'Hankkeen kaupungin osuuden on oltava 0–100 %.'
    }
) }}
-- A failing row is a share below 0 % or above 100 %: usually a percentage typed as a
-- number (25 for 0.25 in a %-formatted cell shows 2 500 %). expected is the bound broken.
with projects as (
    select * from {{ ref('fct_projects') }}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='project_name',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='case when city_share_pct < 0 then 0 else 100 end',
            actual='city_share_pct',
            source_file='source_file',
            source_row='source_row',
            explanation="'Hankkeen ''' || project_name || ''' (välilehti ''' || source_sheet
                || ''', rivi ' || source_row || ') kaupungin osuus on '
                || " ~ format_pct('city_share_pct') ~ " || ', ei välillä 0–100 %.'"
        ) }}
    from projects
    where city_share_pct < 0 or city_share_pct > 100
)

select * from final
