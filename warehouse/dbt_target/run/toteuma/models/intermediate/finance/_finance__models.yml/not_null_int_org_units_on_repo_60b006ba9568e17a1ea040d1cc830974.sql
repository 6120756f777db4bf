
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."not_null_int_org_units_on_repo_60b006ba9568e17a1ea040d1cc830974"
    
      
    ) dbt_internal_test