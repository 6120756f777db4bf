
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__24a3551c174ed15e949ce1a92c68306e"
    
      
    ) dbt_internal_test