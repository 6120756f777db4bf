
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__c589933cc67f934909b6f57e6c1560ee"
    
      
    ) dbt_internal_test