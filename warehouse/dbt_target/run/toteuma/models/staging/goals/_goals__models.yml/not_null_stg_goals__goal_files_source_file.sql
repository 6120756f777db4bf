
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."not_null_stg_goals__goal_files_source_file"
    
      
    ) dbt_internal_test