
  
  create view "toteuma"."staging"."stg_goals__risks__dbt_tmp" as (
    with risks as (
    select * from "toteuma"."raw"."risks"
),

final as (
    select
        municipality_code,
        org_unit_code,
        reporting_date,
        risk_class,
        risk_text,
        probability,
        significance,
        control_measure,
        control_outcome as control_status_text,
        responsible,
        source_file,
        source_sheet,
        source_row
    from risks
)

select * from final
  );
