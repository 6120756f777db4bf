
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_report_lines_114b6a9ed6e4445974c6f9099a994ba7"
    
      
    ) dbt_internal_test