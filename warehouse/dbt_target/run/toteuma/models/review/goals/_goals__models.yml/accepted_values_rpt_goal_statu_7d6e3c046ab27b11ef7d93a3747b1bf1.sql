
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_goal_statu_7d6e3c046ab27b11ef7d93a3747b1bf1"
    
      
    ) dbt_internal_test