
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_dim_org_unit_3341536102f9810ebd34d02894efe855"
    
      
    ) dbt_internal_test