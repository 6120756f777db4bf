
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__6e6d1241e8bd3be4b77bfc06d2cc632c"
    
      
    ) dbt_internal_test