
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_projects_003ff22829c03e4583641b0b7d82a5a8"
    
      
    ) dbt_internal_test