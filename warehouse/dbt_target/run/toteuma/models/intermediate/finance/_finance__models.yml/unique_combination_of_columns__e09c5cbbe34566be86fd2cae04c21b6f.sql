
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__e09c5cbbe34566be86fd2cae04c21b6f"
    
      
    ) dbt_internal_test