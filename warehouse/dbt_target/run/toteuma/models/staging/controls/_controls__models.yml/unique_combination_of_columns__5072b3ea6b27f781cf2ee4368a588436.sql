
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__5072b3ea6b27f781cf2ee4368a588436"
    
      
    ) dbt_internal_test