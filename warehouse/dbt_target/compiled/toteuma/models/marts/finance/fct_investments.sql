-- The published investments: the ledger's (int_investments_from_ledger) for preliminary
-- units and dates, the approved figures where a sign-off is in force (as
-- fct_income_statement).
with ledger as (
    select * from "toteuma"."intermediate"."int_investments_from_ledger"
),

approved as (
    select * from "toteuma"."intermediate"."int_approved_figures_in_force"
    where table_name = 'investments'
),

in_force as (
    select * from "toteuma"."intermediate"."int_signoffs_in_force"
),

items as (
    select * from "toteuma"."seeds"."binding_budget_items"
),

following_ledger as (
    select ledger.*
    from ledger
    left join in_force
        on ledger.municipality_code = in_force.municipality_code
        and ledger.reporting_date = in_force.reporting_date
        and ledger.org_unit_code = in_force.org_unit_code
    where in_force.signoff_id is null
),

kept_as_approved as (
    select
        approved.municipality_code,
        approved.reporting_date,
        approved.org_unit_code,
        approved.org_unit_name,
        approved.org_level,
        approved.is_valid_on_reporting_date,
        approved.line_code as item_code,
        items.item_order,
        approved.tp_prior_year,
        approved.actual_prior_ytd,
        approved.budget_amended,
        approved.actual_ytd,
        approved.budget_amended - approved.actual_ytd as remaining,
        approved.realization_pct
    from approved
    inner join items
        on approved.line_code = items.item_code
),

rows as (
    select * from following_ledger
    union all by name
    select * from kept_as_approved
),

final as (
    select
        cast(rows.municipality_code as varchar) as municipality_code,
        cast(rows.reporting_date as date) as reporting_date,
        cast(rows.org_unit_code as varchar) as org_unit_code,
        cast(rows.org_unit_name as varchar) as org_unit_name,
        cast(rows.org_level as varchar) as org_level,
        cast(rows.is_valid_on_reporting_date as boolean) as is_valid_on_reporting_date,
        cast(rows.item_code as varchar) as item_code,
        cast(rows.item_order as integer) as item_order,
        cast(rows.tp_prior_year as decimal(18, 2)) as tp_prior_year,
        cast(rows.actual_prior_ytd as decimal(18, 2)) as actual_prior_ytd,
        cast(rows.budget_amended as decimal(18, 2)) as budget_amended,
        cast(rows.actual_ytd as decimal(18, 2)) as actual_ytd,
        
        cast(rows.remaining as decimal(18, 2)) as remaining,
        cast(rows.realization_pct as decimal(9, 2)) as realization_pct
    from rows
)

select * from final