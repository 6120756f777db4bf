
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."unique_combination_of_columns__9dbfa7afea9e2b262a0fff741a5fc4ad"
    
      
    ) dbt_internal_test