{{ config(
    severity='error',
    meta={
        'dagster': {'ref': {'name': 'int_goal_statuses_normalised'}},
        'check': 'goal_status_in_vocabulary',
        'layer': 'incoming',
        'explanation': 'Every goal status (Tila) must mean one of Toteutuu, Toteutuu osittain, Ei toteudu, Ei tietoa after normalisation.',
        'selite': 'Tavoitteen tilan (Tila) on oltava Toteutuu, Toteutuu osittain, Ei toteudu tai Ei tietoa; muuten yhteenveto ei voi laskea sitä.'
    }
) }}
-- A failing row is a goal whose Tila matches no spelling in seed goal_status_vocabulary
-- and is not within two edits of exactly one status: the status summary cannot count it.
-- Fix the workbook, or add the spelling to the seed if it is a real variant.
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
            explanation="'Tila ''' || goals.status_original || ''' välilehden '''
                || goals.source_sheet || ''' rivillä ' || goals.source_row
                || ' ei ole mikään arvoista Toteutuu, Toteutuu osittain, Ei toteudu, Ei tietoa.'"
        ) }}
    from goals
    inner join statuses
        on goals.status_original is not distinct from statuses.status_original
    where statuses.status is null
)

select * from final
