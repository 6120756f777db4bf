
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_report_line_comp_24fb1b649f3d0efb5f0cb2f3afca905a"
    
      
    ) dbt_internal_test