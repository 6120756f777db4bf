
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_fct_goal_assessm_6859fbd3ec7b124787859b08464755bb"
    
      
    ) dbt_internal_test