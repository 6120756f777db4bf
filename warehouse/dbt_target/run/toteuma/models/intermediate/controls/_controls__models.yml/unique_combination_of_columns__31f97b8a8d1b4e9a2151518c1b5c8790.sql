
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__31f97b8a8d1b4e9a2151518c1b5c8790"
    
      
    ) dbt_internal_test