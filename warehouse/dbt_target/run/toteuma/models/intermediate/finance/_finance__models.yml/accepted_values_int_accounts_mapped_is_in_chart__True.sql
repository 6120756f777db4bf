
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_int_accounts_mapped_is_in_chart__True"
    
      
    ) dbt_internal_test