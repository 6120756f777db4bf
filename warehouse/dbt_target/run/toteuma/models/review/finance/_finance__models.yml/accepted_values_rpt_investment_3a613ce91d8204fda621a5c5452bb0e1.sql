
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_investment_3a613ce91d8204fda621a5c5452bb0e1"
    
      
    ) dbt_internal_test