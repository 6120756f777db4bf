
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__aabb8fe4e8de3860fd0c77497e81bd63"
    
      
    ) dbt_internal_test