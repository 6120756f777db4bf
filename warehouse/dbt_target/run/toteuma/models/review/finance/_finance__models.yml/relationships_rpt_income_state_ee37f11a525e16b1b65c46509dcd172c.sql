
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_rpt_income_state_ee37f11a525e16b1b65c46509dcd172c"
    
      
    ) dbt_internal_test