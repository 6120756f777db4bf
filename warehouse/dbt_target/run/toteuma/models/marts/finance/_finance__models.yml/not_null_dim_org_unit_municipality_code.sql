
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."not_null_dim_org_unit_municipality_code"
    
      
    ) dbt_internal_test