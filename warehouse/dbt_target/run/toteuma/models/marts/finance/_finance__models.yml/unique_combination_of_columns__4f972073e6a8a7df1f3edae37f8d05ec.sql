
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__4f972073e6a8a7df1f3edae37f8d05ec"
    
      
    ) dbt_internal_test