
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__954f0e6ece238bdf78e06dae11a45e93"
    
      
    ) dbt_internal_test