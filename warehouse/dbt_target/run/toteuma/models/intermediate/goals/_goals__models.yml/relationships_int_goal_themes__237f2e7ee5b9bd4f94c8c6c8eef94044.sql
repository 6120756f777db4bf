
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_int_goal_themes__237f2e7ee5b9bd4f94c8c6c8eef94044"
    
      
    ) dbt_internal_test