{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
-- A unit's figures on D are the sum over the posting units below it on D (itself
-- included), so old actuals appear in the structure valid on D. A posting unit not valid
-- on D counts where int_org_units_on_reporting_dates places it (a closed cost centre in
-- the unit it belonged to on its last valid day, one opening later under the parent of
-- its first version), so no money of the ledger or the budget is left out.
with cost_centre_figures as (
    select * from {{ ref('int_cost_centre_figures_on_reporting_dates') }}
    where {{ in_ledger_scope() }}
),

org_paths as (
    select * from {{ ref('int_org_paths') }}
    where {{ in_ledger_scope() }}
),

final as (
    select
        cost_centre_figures.municipality_code,
        cost_centre_figures.reporting_date,
        org_paths.ancestor_code as org_unit_code,
        cost_centre_figures.line_code,
        {{ summed_figures('cost_centre_figures') }}
    from cost_centre_figures
    inner join org_paths
        on cost_centre_figures.municipality_code = org_paths.municipality_code
        and cost_centre_figures.reporting_date = org_paths.reporting_date
        and cost_centre_figures.cost_centre_code = org_paths.cost_centre_code
    group by all
)

select * from final
