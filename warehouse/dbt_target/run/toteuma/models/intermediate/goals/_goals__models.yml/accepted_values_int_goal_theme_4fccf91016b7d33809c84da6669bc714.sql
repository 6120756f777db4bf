
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_int_goal_theme_4fccf91016b7d33809c84da6669bc714"
    
      
    ) dbt_internal_test