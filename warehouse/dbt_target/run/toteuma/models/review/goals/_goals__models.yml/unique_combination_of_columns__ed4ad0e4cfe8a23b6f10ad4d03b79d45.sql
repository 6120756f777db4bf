
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__ed4ad0e4cfe8a23b6f10ad4d03b79d45"
    
      
    ) dbt_internal_test