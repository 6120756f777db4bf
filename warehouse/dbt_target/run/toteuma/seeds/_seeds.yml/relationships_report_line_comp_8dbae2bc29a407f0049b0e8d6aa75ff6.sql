
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_report_line_comp_8dbae2bc29a407f0049b0e8d6aa75ff6"
    
      
    ) dbt_internal_test