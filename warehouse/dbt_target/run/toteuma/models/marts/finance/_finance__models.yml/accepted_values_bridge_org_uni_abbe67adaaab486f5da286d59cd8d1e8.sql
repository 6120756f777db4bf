
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_bridge_org_uni_abbe67adaaab486f5da286d59cd8d1e8"
    
      
    ) dbt_internal_test