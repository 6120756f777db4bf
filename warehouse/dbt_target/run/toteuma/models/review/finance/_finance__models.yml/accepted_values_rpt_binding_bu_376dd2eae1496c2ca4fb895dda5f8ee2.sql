
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_binding_bu_376dd2eae1496c2ca4fb895dda5f8ee2"
    
      
    ) dbt_internal_test