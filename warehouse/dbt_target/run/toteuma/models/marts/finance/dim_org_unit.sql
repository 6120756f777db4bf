
    

    create  table
      "toteuma"."marts"."dim_org_unit__dbt_tmp"
  
    
    as (
      with org_units as (
    select * from "toteuma"."staging"."stg_finance__org_units"
),

final as (
    select
        municipality_code,
        org_unit_code,
        org_unit_name,
        org_level,
        parent_code,
        valid_from_date,
        valid_to_date,
        current_date between valid_from_date and valid_to_date as is_current
    from org_units
)

select * from final
    );
    
  