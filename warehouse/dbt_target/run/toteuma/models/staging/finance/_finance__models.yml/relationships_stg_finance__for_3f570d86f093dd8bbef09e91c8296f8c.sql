
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_stg_finance__for_3f570d86f093dd8bbef09e91c8296f8c"
    
      
    ) dbt_internal_test