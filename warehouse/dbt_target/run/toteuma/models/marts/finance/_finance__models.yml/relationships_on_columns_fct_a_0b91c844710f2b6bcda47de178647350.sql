
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_fct_a_0b91c844710f2b6bcda47de178647350"
    
      
    ) dbt_internal_test