
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_fct_actuals_mont_8748e459859040f402f44e4458298ddc"
    
      
    ) dbt_internal_test