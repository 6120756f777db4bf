
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."expression_is_true_rpt_risks_ba9d2dc971eb69c7564d3f9bf47a1c20"
    
      
    ) dbt_internal_test