
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_releases_583d60d1ead77e8d8de6e8cadad7c739"
    
      
    ) dbt_internal_test