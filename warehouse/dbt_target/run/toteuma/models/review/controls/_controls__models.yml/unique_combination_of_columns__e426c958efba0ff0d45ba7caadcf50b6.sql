
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__e426c958efba0ff0d45ba7caadcf50b6"
    
      
    ) dbt_internal_test