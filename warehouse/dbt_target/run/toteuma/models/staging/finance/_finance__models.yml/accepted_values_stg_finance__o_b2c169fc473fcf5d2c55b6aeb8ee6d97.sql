
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_stg_finance__o_b2c169fc473fcf5d2c55b6aeb8ee6d97"
    
      
    ) dbt_internal_test