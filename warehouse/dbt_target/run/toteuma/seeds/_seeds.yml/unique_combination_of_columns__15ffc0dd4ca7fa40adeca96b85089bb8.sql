
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__15ffc0dd4ca7fa40adeca96b85089bb8"
    
      
    ) dbt_internal_test