
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__98ff50b6b71881b27cceb0eb0fbdbe12"
    
      
    ) dbt_internal_test