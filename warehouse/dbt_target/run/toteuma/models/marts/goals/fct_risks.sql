
    

    create  table
      "toteuma"."marts"."fct_risks__dbt_tmp"
  
    
    as (
      with risks as (
    select * from "toteuma"."staging"."stg_goals__risks"
),

final as (
    select
        md5(concat_ws('|', source_file, source_sheet, source_row)) as risk_key,
        municipality_code,
        org_unit_code,
        reporting_date,
        risk_class,
        risk_text,
        probability,
        significance,
        probability * significance as risk_score,
        control_measure,
        control_status_text,
        responsible,
        source_file,
        source_sheet,
        source_row
    from risks
)

select * from final
    );
    
  