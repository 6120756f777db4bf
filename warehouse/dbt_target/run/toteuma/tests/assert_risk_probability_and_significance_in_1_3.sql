
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."assert_risk_probability_and_significance_in_1_3"
    
      
    ) dbt_internal_test