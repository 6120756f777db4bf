
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_income_sta_4a754a7b11fc789c72eab0d675422069"
    
      
    ) dbt_internal_test