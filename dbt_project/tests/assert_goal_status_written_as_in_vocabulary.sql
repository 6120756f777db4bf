{{ config(
    severity='warn',
    meta={
        'dagster': {'ref': {'name': 'int_goal_statuses_normalised'}},
        'check': 'goal_status_written_as_in_vocabulary',
        'layer': 'incoming',
        'explanation': 'Goal statuses that had to be normalised (misspelt, other case, empty) before they could be counted.',
        'selite': 'Tavoitteiden tilat, jotka piti tulkita (kirjoitusvirhe, kirjainkoko, tyhjä) ennen kuin ne voitiin laskea.'
    }
) }}
-- A failing row is a goal whose Tila was read as a canonical status only after
-- normalisation ('Toteutu osittain' -> 'Toteutuu osittain'). The published status is the
-- canonical word; the row tells the unit which cell to correct next time.
with goals as (
    select * from {{ ref('stg_goals__goals') }}
),

statuses as (
    select * from {{ ref('int_goal_statuses_normalised') }}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='goals.municipality_code',
            org_unit_code='goals.org_unit_code',
            line_code='goals.goal_text',
            period="strftime(goals.reporting_date, '%Y-%m-%d')",
            source_file='goals.source_file',
            source_row='goals.source_row',
            explanation="'Tila ''' || coalesce(goals.status_original, '(tyhjä)')
                || ''' välilehden ''' || goals.source_sheet || ''' rivillä ' || goals.source_row
                || ' luettiin muodossa ''' || statuses.status || ''' (' || statuses.status_match_kind
                || ').'"
        ) }}
    from goals
    inner join statuses
        on goals.status_original is not distinct from statuses.status_original
    where
        statuses.is_status_normalised
        and statuses.status is not null
)

select * from final
