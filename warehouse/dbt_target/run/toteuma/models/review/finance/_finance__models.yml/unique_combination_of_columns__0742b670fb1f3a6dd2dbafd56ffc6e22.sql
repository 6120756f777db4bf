
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__0742b670fb1f3a6dd2dbafd56ffc6e22"
    
      
    ) dbt_internal_test