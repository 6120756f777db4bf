
    
      
    

    create  table
      "toteuma"."review"."risks__dbt_tmp"
  
  (
    municipality_code varchar,
    org_unit_code varchar,
    reporting_date date,
    risk_class varchar,
    risk_text varchar,
    probability integer,
    significance integer,
    risk_score integer,
    control_measure varchar,
    control_status_text varchar,
    source_file varchar,
    source_row integer,
    release_status varchar,
    approved_by varchar,
    approved_at timestamp
    
    )
 ;
    
    
    insert into "toteuma"."review"."risks__dbt_tmp" 
  (
    
      
      
      municipality_code ,
    
      
      
      org_unit_code ,
    
      
      
      reporting_date ,
    
      
      
      risk_class ,
    
      
      
      risk_text ,
    
      
      
      probability ,
    
      
      
      significance ,
    
      
      
      risk_score ,
    
      
      
      control_measure ,
    
      
      
      control_status_text ,
    
      
      
      source_file ,
    
      
      
      source_row ,
    
      
      
      release_status ,
    
      
      
      approved_by ,
    
      
      
      approved_at 
    
  )
 (
      
    select municipality_code, org_unit_code, reporting_date, risk_class, risk_text, probability, significance, risk_score, control_measure, control_status_text, source_file, source_row, release_status, approved_by, approved_at
    from (
        with risks as (
    select * from "toteuma"."marts"."fct_risks"
),

final as (
    select
        risks.municipality_code,
        risks.org_unit_code,
        risks.reporting_date,
        risks.risk_class,
        risks.risk_text,
        risks.probability,
        risks.significance,
        risks.risk_score,
        risks.control_measure,
        risks.control_status_text,
        risks.source_file,
        risks.source_row,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from risks
    left join "toteuma"."marts"."fct_release_status" as status
        on risks.municipality_code = status.municipality_code
        and risks.reporting_date = status.reporting_date
        and risks.org_unit_code = status.org_unit_code
)

select * from final
    ) as model_subq
    );
  