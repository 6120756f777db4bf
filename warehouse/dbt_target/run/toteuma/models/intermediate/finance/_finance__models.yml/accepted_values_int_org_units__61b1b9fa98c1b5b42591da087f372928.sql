
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_int_org_units__61b1b9fa98c1b5b42591da087f372928"
    
      
    ) dbt_internal_test