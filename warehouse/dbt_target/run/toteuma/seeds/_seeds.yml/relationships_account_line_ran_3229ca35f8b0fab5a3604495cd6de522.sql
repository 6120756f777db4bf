
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_account_line_ran_3229ca35f8b0fab5a3604495cd6de522"
    
      
    ) dbt_internal_test