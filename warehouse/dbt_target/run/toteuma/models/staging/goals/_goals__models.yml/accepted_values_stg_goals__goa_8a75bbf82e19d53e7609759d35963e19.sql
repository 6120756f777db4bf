
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_stg_goals__goa_8a75bbf82e19d53e7609759d35963e19"
    
      
    ) dbt_internal_test