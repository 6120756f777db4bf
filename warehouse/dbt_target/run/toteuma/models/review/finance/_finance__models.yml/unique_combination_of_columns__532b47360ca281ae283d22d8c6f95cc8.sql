
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__532b47360ca281ae283d22d8c6f95cc8"
    
      
    ) dbt_internal_test