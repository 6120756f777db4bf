
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."not_null_stg_finance__budget_entries_account_code"
    
      
    ) dbt_internal_test