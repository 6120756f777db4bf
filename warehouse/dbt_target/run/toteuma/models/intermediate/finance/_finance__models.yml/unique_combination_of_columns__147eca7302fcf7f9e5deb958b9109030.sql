
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__147eca7302fcf7f9e5deb958b9109030"
    
      
    ) dbt_internal_test