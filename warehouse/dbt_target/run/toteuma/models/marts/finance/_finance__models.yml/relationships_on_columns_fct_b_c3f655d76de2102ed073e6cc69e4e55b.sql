
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_fct_b_c3f655d76de2102ed073e6cc69e4e55b"
    
      
    ) dbt_internal_test