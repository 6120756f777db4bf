
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_goals_f60fdf9a46310eac987e13033c1da18d"
    
      
    ) dbt_internal_test