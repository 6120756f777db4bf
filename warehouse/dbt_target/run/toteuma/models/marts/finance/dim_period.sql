
    

    create  table
      "toteuma"."marts"."dim_period__dbt_tmp"
  
    
    as (
      with actuals as (
    select * from "toteuma"."marts"."fct_actuals_monthly"
),

budget_entries as (
    select * from "toteuma"."marts"."fct_budget_entries"
),

official_dates as (
    select * from "toteuma"."seeds"."official_reporting_dates"
),

year_bounds as (
    select
        min(fiscal_year) as first_year,
        max(fiscal_year) as last_year
    from (
        select fiscal_year from actuals
        union all
        select fiscal_year from budget_entries
        union all
        -- a budget is approved in the December before its year
        select year(approval_date) as fiscal_year from budget_entries
    ) as years
),

days as (
    select
        cast(unnest(generate_series(
            make_date(first_year, 1, 1), make_date(last_year, 12, 31), interval 1 day
        )) as date) as calendar_date
    from year_bounds
    where first_year is not null
),

final as (
    select
        days.calendar_date,
        year(days.calendar_date) as calendar_year,
        quarter(days.calendar_date) as calendar_quarter,
        month(days.calendar_date) as calendar_month,
        last_day(days.calendar_date) as month_end_date,
        days.calendar_date = last_day(days.calendar_date) as is_month_end,
        official_dates.name is not null as is_official_reporting_date,
        official_dates.name as official_reporting_name
    from days
    left join official_dates
        on month(days.calendar_date) = official_dates.month
        and day(days.calendar_date) = official_dates.day
)

select * from final
    );
    
  