
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_investment_8942ed198570765ba26380d90ce2f0d4"
    
      
    ) dbt_internal_test