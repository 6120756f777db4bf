
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."expression_is_true_stg_finance_1a408f43638631b9e8375a61ace5aab3"
    
      
    ) dbt_internal_test