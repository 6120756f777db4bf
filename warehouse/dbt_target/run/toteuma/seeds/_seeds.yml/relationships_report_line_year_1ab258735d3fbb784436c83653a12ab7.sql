
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_report_line_year_1ab258735d3fbb784436c83653a12ab7"
    
      
    ) dbt_internal_test