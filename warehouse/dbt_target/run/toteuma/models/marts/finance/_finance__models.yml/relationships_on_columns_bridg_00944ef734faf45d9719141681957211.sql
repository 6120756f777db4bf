
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_bridg_00944ef734faf45d9719141681957211"
    
      
    ) dbt_internal_test