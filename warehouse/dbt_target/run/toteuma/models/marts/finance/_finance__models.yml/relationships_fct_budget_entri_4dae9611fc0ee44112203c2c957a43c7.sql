
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_fct_budget_entri_4dae9611fc0ee44112203c2c957a43c7"
    
      
    ) dbt_internal_test