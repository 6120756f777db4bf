
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_binding_bu_31024a9b5df3fc120523b6cba1288bfb"
    
      
    ) dbt_internal_test