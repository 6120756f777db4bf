
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_fct_b_85e4e71f1948118ac5b2dcd64478c1b8"
    
      
    ) dbt_internal_test