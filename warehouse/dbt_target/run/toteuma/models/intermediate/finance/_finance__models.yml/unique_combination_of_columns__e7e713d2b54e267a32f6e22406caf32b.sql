
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__e7e713d2b54e267a32f6e22406caf32b"
    
      
    ) dbt_internal_test