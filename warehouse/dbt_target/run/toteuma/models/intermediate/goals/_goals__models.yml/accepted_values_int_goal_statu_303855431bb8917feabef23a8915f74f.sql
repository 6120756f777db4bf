
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_int_goal_statu_303855431bb8917feabef23a8915f74f"
    
      
    ) dbt_internal_test