
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__30d6499ac672b388d8b7c53988b1c02e"
    
      
    ) dbt_internal_test