
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_goal_status_vo_a5ea3bac8ae7eda38c425bab64d13679"
    
      
    ) dbt_internal_test