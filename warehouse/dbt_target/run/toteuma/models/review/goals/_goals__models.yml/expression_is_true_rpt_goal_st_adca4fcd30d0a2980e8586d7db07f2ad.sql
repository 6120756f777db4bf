
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."expression_is_true_rpt_goal_st_adca4fcd30d0a2980e8586d7db07f2ad"
    
      
    ) dbt_internal_test