
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_investments_item_code__TULOT__MENOT__NETTO"
    
      
    ) dbt_internal_test