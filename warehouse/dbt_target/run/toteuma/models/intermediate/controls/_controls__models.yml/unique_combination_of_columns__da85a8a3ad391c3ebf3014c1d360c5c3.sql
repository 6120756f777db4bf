
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__da85a8a3ad391c3ebf3014c1d360c5c3"
    
      
    ) dbt_internal_test