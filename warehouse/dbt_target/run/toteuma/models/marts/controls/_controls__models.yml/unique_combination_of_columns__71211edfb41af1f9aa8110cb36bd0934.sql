
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__71211edfb41af1f9aa8110cb36bd0934"
    
      
    ) dbt_internal_test