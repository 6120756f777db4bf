
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__8a4e00342badf5da09a0258cf95a5940"
    
      
    ) dbt_internal_test