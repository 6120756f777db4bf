
    

    create  table
      "toteuma"."marts"."fct_income_statement__dbt_tmp"
  
    
    as (
      -- The published income statement: the ledger's figures (int_income_statement_from_ledger)
-- for preliminary units and dates; for a unit and date under a sign-off, the figures it
-- approved (int_approved_figures_in_force), whatever the ledger says now. The check
-- approved_figures_unchanged lists the cells where the two differ.
with ledger as (
    select * from "toteuma"."intermediate"."int_income_statement_from_ledger"
),

approved as (
    select * from "toteuma"."intermediate"."int_approved_figures_in_force"
    where table_name = 'income_statement'
),

in_force as (
    select * from "toteuma"."intermediate"."int_signoffs_in_force"
),

report_lines as (
    select * from "toteuma"."seeds"."report_lines"
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
        approved.line_code,
        report_lines.line_name,
        report_lines.line_order,
        report_lines.line_kind,
        approved.tp_prior_year,
        approved.actual_prior_ytd,
        approved.budget_amended,
        approved.actual_ytd,
        approved.budget_amended - approved.actual_ytd as remaining,
        approved.realization_pct,
        approved.forecast
    from approved
    inner join report_lines
        on approved.line_code = report_lines.line_code
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
        cast(rows.line_code as varchar) as line_code,
        cast(rows.line_name as varchar) as line_name,
        cast(rows.line_order as integer) as line_order,
        cast(rows.line_kind as varchar) as line_kind,
        cast(rows.tp_prior_year as decimal(18, 2)) as tp_prior_year,
        cast(rows.actual_prior_ytd as decimal(18, 2)) as actual_prior_ytd,
        cast(rows.budget_amended as decimal(18, 2)) as budget_amended,
        cast(rows.actual_ytd as decimal(18, 2)) as actual_ytd,
        
        cast(rows.remaining as decimal(18, 2)) as remaining,
        cast(rows.realization_pct as decimal(9, 2)) as realization_pct,
        cast(rows.forecast as decimal(18, 2)) as forecast
    from rows
)

select * from final
    );
    
  