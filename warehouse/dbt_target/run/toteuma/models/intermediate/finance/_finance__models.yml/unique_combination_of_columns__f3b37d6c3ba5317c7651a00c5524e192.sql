
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__f3b37d6c3ba5317c7651a00c5524e192"
    
      
    ) dbt_internal_test