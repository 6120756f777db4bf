
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_range_stg_finance__forecasts_forecast_month__12__1"
    
      
    ) dbt_internal_test