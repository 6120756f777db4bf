
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_stg_goals__ind_af140bfb882b01386b4ed98c44979d35"
    
      
    ) dbt_internal_test