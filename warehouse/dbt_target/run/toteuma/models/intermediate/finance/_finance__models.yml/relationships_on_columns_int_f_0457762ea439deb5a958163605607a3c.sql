
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_int_f_0457762ea439deb5a958163605607a3c"
    
      
    ) dbt_internal_test