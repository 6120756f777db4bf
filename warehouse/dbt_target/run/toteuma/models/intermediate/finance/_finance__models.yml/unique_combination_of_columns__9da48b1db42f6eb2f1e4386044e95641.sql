
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__9da48b1db42f6eb2f1e4386044e95641"
    
      
    ) dbt_internal_test