{{ config(
    severity='warn',
    meta={
        'dagster': {'ref': {'name': 'stg_goals__goal_files'}},
        'check': 'goal_workbook_unit_in_organisation',
        'layer': 'incoming',
        'explanation': 'The unit a goal workbook reports for should be in the organisation file on the workbook reporting date; otherwise its goals sit under a unit no report shows.',
        'selite': 'Tavoitetyökirjan yksikön pitäisi olla organisaatiotiedostossa työkirjan raportointipäivänä; muuten sen tavoitteet jäävät yksikölle, jota mikään raportti ei näytä.'
    }
) }}
-- A failing row is one loaded goal workbook whose unit (Tiedot: Yksikkö) has no version in
-- the organisation file valid on the workbook's reporting date: a mistyped code, or a new
-- unit the organisation file does not have yet. A warning: the goals are loaded as
-- written; the controller corrects the workbook or the organisation file.
with goal_files as (
    select * from {{ ref('stg_goals__goal_files') }}
),

org_units as (
    select * from {{ ref('dim_org_unit') }}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='goal_files.municipality_code',
            org_unit_code='goal_files.org_unit_code',
            period="strftime(goal_files.reporting_date, '%Y-%m-%d')",
            source_file='goal_files.source_file',
            explanation="'Työkirjan yksikköä ' || goal_files.org_unit_code
                || ' ei ole kunnan ' || goal_files.municipality_code
                || ' organisaatiotiedostossa päivänä '
                || strftime(goal_files.reporting_date, '%-d.%-m.%Y') || '.'"
        ) }}
    from goal_files
    where not exists (
        select 1
        from org_units
        where
            org_units.municipality_code = goal_files.municipality_code
            and org_units.org_unit_code = goal_files.org_unit_code
            and goal_files.reporting_date >= org_units.valid_from_date
            and goal_files.reporting_date <= org_units.valid_to_date
    )
)

select * from final
