
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_fct_forecasts_762478a69b8c242e0c93421c981d1091"
    
      
    ) dbt_internal_test