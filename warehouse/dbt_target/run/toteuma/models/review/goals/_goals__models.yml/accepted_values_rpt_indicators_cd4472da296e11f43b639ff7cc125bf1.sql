
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_indicators_cd4472da296e11f43b639ff7cc125bf1"
    
      
    ) dbt_internal_test