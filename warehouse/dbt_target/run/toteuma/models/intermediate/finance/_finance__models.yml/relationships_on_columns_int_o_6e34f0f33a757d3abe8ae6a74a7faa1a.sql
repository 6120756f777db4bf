
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_int_o_6e34f0f33a757d3abe8ae6a74a7faa1a"
    
      
    ) dbt_internal_test