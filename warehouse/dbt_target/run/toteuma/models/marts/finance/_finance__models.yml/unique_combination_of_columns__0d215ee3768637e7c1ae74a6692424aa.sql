
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__0d215ee3768637e7c1ae74a6692424aa"
    
      
    ) dbt_internal_test