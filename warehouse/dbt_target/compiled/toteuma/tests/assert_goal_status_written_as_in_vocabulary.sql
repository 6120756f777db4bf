
-- A failing row is a goal whose Tila was read as a canonical status only after
-- normalisation ('Toteutu osittain' -> 'Toteutuu osittain'). The published status is the
-- canonical word; the row tells the unit which cell to correct next time.
with goals as (
    select * from "toteuma"."staging"."stg_goals__goals"
),

statuses as (
    select * from "toteuma"."intermediate"."int_goal_statuses_normalised"
),

final as (
    select
        cast(goals.municipality_code as varchar) as municipality_code,
    cast(goals.org_unit_code as varchar) as org_unit_code,
    cast(goals.goal_text as varchar) as line_code,
    cast(strftime(goals.reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(null as decimal(18, 2)) as expected,
    cast(null as decimal(18, 2)) as actual,
    cast(cast(null as decimal(18, 2)) - cast(null as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(goals.source_file as varchar) as source_file,
    cast(goals.source_row as integer) as source_row,
    cast('Tila ''' || coalesce(goals.status_original, '(tyhjä)')
                || ''' välilehden ''' || goals.source_sheet || ''' rivillä ' || goals.source_row
                || ' luettiin muodossa ''' || statuses.status || ''' (' || statuses.status_match_kind
                || ').' as varchar) as explanation
    from goals
    inner join statuses
        on goals.status_original is not distinct from statuses.status_original
    where
        statuses.is_status_normalised
        and statuses.status is not null
)

select * from final