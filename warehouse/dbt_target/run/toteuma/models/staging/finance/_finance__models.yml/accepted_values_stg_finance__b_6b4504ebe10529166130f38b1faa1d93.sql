
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_stg_finance__b_6b4504ebe10529166130f38b1faa1d93"
    
      
    ) dbt_internal_test