
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_fct_a_947fda24e2ad84922c72d07c9165fba2"
    
      
    ) dbt_internal_test