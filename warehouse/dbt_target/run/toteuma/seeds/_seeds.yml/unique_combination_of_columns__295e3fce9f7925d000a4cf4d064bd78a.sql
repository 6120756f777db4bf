
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__295e3fce9f7925d000a4cf4d064bd78a"
    
      
    ) dbt_internal_test