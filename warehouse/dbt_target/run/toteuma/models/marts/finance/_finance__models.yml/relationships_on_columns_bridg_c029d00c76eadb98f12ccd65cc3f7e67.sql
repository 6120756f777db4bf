
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_bridg_c029d00c76eadb98f12ccd65cc3f7e67"
    
      
    ) dbt_internal_test