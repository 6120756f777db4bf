
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_fct_indicator_va_ec802c63535491ffc18abdd32392f4ab"
    
      
    ) dbt_internal_test