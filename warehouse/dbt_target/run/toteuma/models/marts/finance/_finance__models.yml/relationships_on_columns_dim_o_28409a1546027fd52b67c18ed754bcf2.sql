
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_dim_o_28409a1546027fd52b67c18ed754bcf2"
    
      
    ) dbt_internal_test