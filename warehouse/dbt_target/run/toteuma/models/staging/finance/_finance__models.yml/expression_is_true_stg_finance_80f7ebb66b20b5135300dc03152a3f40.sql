
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."expression_is_true_stg_finance_80f7ebb66b20b5135300dc03152a3f40"
    
      
    ) dbt_internal_test