
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__64c1b2c84f7d8a4c59d69f489c576bf6"
    
      
    ) dbt_internal_test