-- Every cell of an approved unit and date whose figure the ledger now gives otherwise:
-- the published review keeps the approved figure until a new sign-off. Compared per
-- review table (income_statement, investments; binding_budget repeats income_statement
-- lines), unit, line (or item) and column. A row only in the approved figures or only
-- in the ledger is a change of every column that is not null on its side.
with in_force as (
    select * from "toteuma"."intermediate"."int_signoffs_in_force"
),

approved as (
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd,
        budget_amended - actual_ytd as remaining, realization_pct, forecast
    from "toteuma"."intermediate"."int_approved_figures_in_force"
),

ledger as (
    select
        'income_statement' as table_name, municipality_code, reporting_date, org_unit_code,
        line_code, tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd, remaining, realization_pct, forecast
    from "toteuma"."intermediate"."int_income_statement_from_ledger"
    union all
    select
        'investments', municipality_code, reporting_date, org_unit_code, item_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd, remaining,
        realization_pct, null
    from "toteuma"."intermediate"."int_investments_from_ledger"
),

ledger_in_force as (
    select ledger.*, in_force.signoff_id
    from ledger
    inner join in_force
        on ledger.municipality_code = in_force.municipality_code
        and ledger.reporting_date = in_force.reporting_date
        and ledger.org_unit_code = in_force.org_unit_code
),

paired as (
    select
        coalesce(approved.signoff_id, ledger_in_force.signoff_id) as signoff_id,
        coalesce(approved.table_name, ledger_in_force.table_name) as table_name,
        coalesce(approved.municipality_code, ledger_in_force.municipality_code)
            as municipality_code,
        coalesce(approved.reporting_date, ledger_in_force.reporting_date) as reporting_date,
        coalesce(approved.org_unit_code, ledger_in_force.org_unit_code) as org_unit_code,
        coalesce(approved.line_code, ledger_in_force.line_code) as line_code,
        approved.tp_prior_year as approved_tp_prior_year,
        ledger_in_force.tp_prior_year as current_tp_prior_year,
        approved.actual_prior_ytd as approved_actual_prior_ytd,
        ledger_in_force.actual_prior_ytd as current_actual_prior_ytd,
        approved.budget_amended as approved_budget_amended,
        ledger_in_force.budget_amended as current_budget_amended,
        approved.actual_ytd as approved_actual_ytd,
        ledger_in_force.actual_ytd as current_actual_ytd,
        approved.remaining as approved_remaining,
        ledger_in_force.remaining as current_remaining,
        approved.realization_pct as approved_realization_pct,
        ledger_in_force.realization_pct as current_realization_pct,
        approved.forecast as approved_forecast,
        ledger_in_force.forecast as current_forecast
        
    from approved
    full outer join ledger_in_force
        on approved.signoff_id = ledger_in_force.signoff_id
        and approved.table_name = ledger_in_force.table_name
        and approved.municipality_code = ledger_in_force.municipality_code
        and approved.reporting_date = ledger_in_force.reporting_date
        and approved.org_unit_code = ledger_in_force.org_unit_code
        and approved.line_code = ledger_in_force.line_code
),

cells as (
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        'tp_prior_year' as figure,
        cast(approved_tp_prior_year as decimal(18, 2)) as approved_amount,
        cast(current_tp_prior_year as decimal(18, 2)) as current_amount
    from paired
    where approved_tp_prior_year is distinct from current_tp_prior_year
    union all
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        'actual_prior_ytd' as figure,
        cast(approved_actual_prior_ytd as decimal(18, 2)) as approved_amount,
        cast(current_actual_prior_ytd as decimal(18, 2)) as current_amount
    from paired
    where approved_actual_prior_ytd is distinct from current_actual_prior_ytd
    union all
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        'budget_amended' as figure,
        cast(approved_budget_amended as decimal(18, 2)) as approved_amount,
        cast(current_budget_amended as decimal(18, 2)) as current_amount
    from paired
    where approved_budget_amended is distinct from current_budget_amended
    union all
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        'actual_ytd' as figure,
        cast(approved_actual_ytd as decimal(18, 2)) as approved_amount,
        cast(current_actual_ytd as decimal(18, 2)) as current_amount
    from paired
    where approved_actual_ytd is distinct from current_actual_ytd
    union all
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        'remaining' as figure,
        cast(approved_remaining as decimal(18, 2)) as approved_amount,
        cast(current_remaining as decimal(18, 2)) as current_amount
    from paired
    where approved_remaining is distinct from current_remaining
    union all
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        'realization_pct' as figure,
        cast(approved_realization_pct as decimal(18, 2)) as approved_amount,
        cast(current_realization_pct as decimal(18, 2)) as current_amount
    from paired
    where approved_realization_pct is distinct from current_realization_pct
    union all
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        'forecast' as figure,
        cast(approved_forecast as decimal(18, 2)) as approved_amount,
        cast(current_forecast as decimal(18, 2)) as current_amount
    from paired
    where approved_forecast is distinct from current_forecast
    
    
),

final as (
    select
        cells.*,
        in_force.scope_org_unit_code,
        in_force.signed_by,
        in_force.signed_at
    from cells
    inner join in_force
        on cells.municipality_code = in_force.municipality_code
        and cells.reporting_date = in_force.reporting_date
        and cells.org_unit_code = in_force.org_unit_code
)

select * from final