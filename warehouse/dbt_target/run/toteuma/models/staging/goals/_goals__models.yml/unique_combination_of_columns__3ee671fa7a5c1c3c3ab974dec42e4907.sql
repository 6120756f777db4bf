
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__3ee671fa7a5c1c3c3ab974dec42e4907"
    
      
    ) dbt_internal_test