-- A unit's figures on D are the sum over the posting units below it on D (itself
-- included), so old actuals appear in the structure valid on D. A posting unit not valid
-- on D counts where int_org_units_on_reporting_dates places it (a closed cost centre in
-- the unit it belonged to on its last valid day, one opening later under the parent of
-- its first version), so no money of the ledger or the budget is left out.
with cost_centre_figures as (
    select * from "toteuma"."intermediate"."int_cost_centre_figures_on_reporting_dates"
),

org_paths as (
    select * from "toteuma"."intermediate"."int_org_paths"
),

final as (
    select
        cost_centre_figures.municipality_code,
        cost_centre_figures.reporting_date,
        org_paths.ancestor_code as org_unit_code,
        cost_centre_figures.line_code,
        cast(sum(cost_centre_figures.tp_prior_year) as decimal(18, 2)) as tp_prior_year, cast(sum(cost_centre_figures.actual_prior_ytd) as decimal(18, 2)) as actual_prior_ytd, cast(sum(cost_centre_figures.budget_amended) as decimal(18, 2)) as budget_amended, cast(sum(cost_centre_figures.actual_ytd) as decimal(18, 2)) as actual_ytd
    from cost_centre_figures
    inner join org_paths
        on cost_centre_figures.municipality_code = org_paths.municipality_code
        and cost_centre_figures.reporting_date = org_paths.reporting_date
        and cost_centre_figures.cost_centre_code = org_paths.cost_centre_code
    group by all
)

select * from final