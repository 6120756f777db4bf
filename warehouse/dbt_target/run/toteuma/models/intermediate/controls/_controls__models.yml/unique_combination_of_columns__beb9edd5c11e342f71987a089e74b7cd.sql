
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__beb9edd5c11e342f71987a089e74b7cd"
    
      
    ) dbt_internal_test