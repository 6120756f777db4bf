
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."assert_no_negative_revenue_or_positive_cost_lines"
    
      
    ) dbt_internal_test