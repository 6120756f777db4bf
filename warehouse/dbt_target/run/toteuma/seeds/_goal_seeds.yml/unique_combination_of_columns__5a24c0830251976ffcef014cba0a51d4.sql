
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__5a24c0830251976ffcef014cba0a51d4"
    
      
    ) dbt_internal_test