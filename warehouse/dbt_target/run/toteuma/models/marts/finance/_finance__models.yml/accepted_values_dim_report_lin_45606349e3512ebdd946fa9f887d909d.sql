
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_dim_report_lin_45606349e3512ebdd946fa9f887d909d"
    
      
    ) dbt_internal_test