
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."not_null_rpt_goal_status_summary_org_unit_code"
    
      
    ) dbt_internal_test