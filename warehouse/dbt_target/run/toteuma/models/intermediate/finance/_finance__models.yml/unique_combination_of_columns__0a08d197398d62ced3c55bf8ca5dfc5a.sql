
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__0a08d197398d62ced3c55bf8ca5dfc5a"
    
      
    ) dbt_internal_test