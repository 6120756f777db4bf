
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."not_null_rpt_binding_budget_actual_prior_ytd"
    
      
    ) dbt_internal_test