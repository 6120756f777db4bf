
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__74bc2450ef400bc16d0e6ff40fd9f16f"
    
      
    ) dbt_internal_test