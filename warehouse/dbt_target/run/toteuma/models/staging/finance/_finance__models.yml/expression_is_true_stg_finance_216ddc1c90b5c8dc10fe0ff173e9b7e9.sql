
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."expression_is_true_stg_finance_216ddc1c90b5c8dc10fe0ff173e9b7e9"
    
      
    ) dbt_internal_test