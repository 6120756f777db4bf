
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_fct_f_8ae3921d7c414f37aecf150e2cfa4af0"
    
      
    ) dbt_internal_test