-- The approved review rows that are published: those of the sign-off in force for
-- their unit and date (older sign-offs' figures stay in the controls folder only).
with approved_figures as (
    select * from {{ ref('stg_controls__approved_figures') }}
),

in_force as (
    select * from {{ ref('int_signoffs_in_force') }}
),

final as (
    select
        approved_figures.*,
        {{ realization_pct('approved_figures.actual_ytd', 'approved_figures.budget_amended') }}
            as realization_pct
    from approved_figures
    inner join in_force
        on approved_figures.signoff_id = in_force.signoff_id
        and approved_figures.municipality_code = in_force.municipality_code
        and approved_figures.reporting_date = in_force.reporting_date
        and approved_figures.org_unit_code = in_force.org_unit_code
)

select * from final
