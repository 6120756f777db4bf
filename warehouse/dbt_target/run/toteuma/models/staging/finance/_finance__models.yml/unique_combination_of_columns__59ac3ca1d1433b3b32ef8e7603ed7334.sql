
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__59ac3ca1d1433b3b32ef8e7603ed7334"
    
      
    ) dbt_internal_test