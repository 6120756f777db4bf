
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__eb8f633a913a05f1c4f64b3ebbc16ac2"
    
      
    ) dbt_internal_test