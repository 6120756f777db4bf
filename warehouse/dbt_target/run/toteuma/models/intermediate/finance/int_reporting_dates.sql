
    

    create  table
      "toteuma"."intermediate"."int_reporting_dates__dbt_tmp"
  
    
    as (
      -- Reads the monthly sums, not the ledger, for the same reason as int_accounts_mapped.
with actuals as (
    select * from "toteuma"."intermediate"."int_actuals_monthly"
),

months_with_postings as (
    select distinct
        municipality_code,
        fiscal_year,
        period_month
    from actuals
),

final as (
    select
        municipality_code,
        last_day(make_date(fiscal_year, period_month, 1)) as reporting_date,
        fiscal_year as report_year,
        period_month as report_month
    from months_with_postings
)

select * from final
    );
    
  