
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__9b4c4fee883d79c8be289400d6647a68"
    
      
    ) dbt_internal_test