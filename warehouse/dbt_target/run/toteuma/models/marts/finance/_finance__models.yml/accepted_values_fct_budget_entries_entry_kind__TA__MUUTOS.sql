
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_fct_budget_entries_entry_kind__TA__MUUTOS"
    
      
    ) dbt_internal_test