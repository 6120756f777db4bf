
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_binding_budget_i_a6e47b1da8676ef449bbbcbb3cc4fb19"
    
      
    ) dbt_internal_test