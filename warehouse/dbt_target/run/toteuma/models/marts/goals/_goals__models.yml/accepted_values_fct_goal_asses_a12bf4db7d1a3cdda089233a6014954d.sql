
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_fct_goal_asses_a12bf4db7d1a3cdda089233a6014954d"
    
      
    ) dbt_internal_test