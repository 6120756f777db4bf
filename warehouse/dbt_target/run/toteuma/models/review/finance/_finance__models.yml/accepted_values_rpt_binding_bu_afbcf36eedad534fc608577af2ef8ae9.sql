
    
    select
      count(*) as failures,
      count(*) != 0 as should_warn,
      count(*) != 0 as should_error
    from (
      
        select *
        from "toteuma"."audit_dbt"."accepted_values_rpt_binding_bu_afbcf36eedad534fc608577af2ef8ae9"
    
      
    ) dbt_internal_test