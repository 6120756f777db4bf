
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__4a8946a70bfeebc67d92e3492afd6e76"
    
      
    ) dbt_internal_test