
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__597b4c812e879cb9f2fc6cca28393fa0"
    
      
    ) dbt_internal_test