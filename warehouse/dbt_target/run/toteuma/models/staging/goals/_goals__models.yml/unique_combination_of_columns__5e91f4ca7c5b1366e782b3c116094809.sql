
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__5e91f4ca7c5b1366e782b3c116094809"
    
      
    ) dbt_internal_test