
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."relationships_on_columns_bridg_10ca8a23b450749ec1d2800b255371eb"
    
      
    ) dbt_internal_test