
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns_stg_controls__signoffs_signoff_id"
    
      
    ) dbt_internal_test