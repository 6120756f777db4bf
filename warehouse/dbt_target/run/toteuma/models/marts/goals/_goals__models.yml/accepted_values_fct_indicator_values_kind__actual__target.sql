
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_fct_indicator_values_kind__actual__target"
    
      
    ) dbt_internal_test