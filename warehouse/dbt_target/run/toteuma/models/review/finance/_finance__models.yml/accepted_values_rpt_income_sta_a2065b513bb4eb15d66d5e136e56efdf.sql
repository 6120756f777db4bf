
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_income_sta_a2065b513bb4eb15d66d5e136e56efdf"
    
      
    ) dbt_internal_test