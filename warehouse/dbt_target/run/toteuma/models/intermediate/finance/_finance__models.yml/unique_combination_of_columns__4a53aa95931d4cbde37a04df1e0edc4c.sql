
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__4a53aa95931d4cbde37a04df1e0edc4c"
    
      
    ) dbt_internal_test