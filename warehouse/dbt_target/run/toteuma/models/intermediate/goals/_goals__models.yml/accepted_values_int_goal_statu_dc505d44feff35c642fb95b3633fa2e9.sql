
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_int_goal_statu_dc505d44feff35c642fb95b3633fa2e9"
    
      
    ) dbt_internal_test