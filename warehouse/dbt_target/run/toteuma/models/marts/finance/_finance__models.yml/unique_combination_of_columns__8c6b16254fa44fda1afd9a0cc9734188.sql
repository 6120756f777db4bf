
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__8c6b16254fa44fda1afd9a0cc9734188"
    
      
    ) dbt_internal_test