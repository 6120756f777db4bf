
    
      
    

    create  table
      "toteuma"."review"."explanations__dbt_tmp"
  
  (
    municipality_code varchar,
    reporting_date date,
    org_unit_code varchar,
    org_unit_name varchar,
    section_seq integer,
    heading varchar,
    line_code varchar,
    line_name varchar,
    explanation_text varchar,
    source_file varchar,
    release_status varchar,
    approved_by varchar,
    approved_at timestamp
    
    )
 ;
    
    
    insert into "toteuma"."review"."explanations__dbt_tmp" 
  (
    
      
      
      municipality_code ,
    
      
      
      reporting_date ,
    
      
      
      org_unit_code ,
    
      
      
      org_unit_name ,
    
      
      
      section_seq ,
    
      
      
      heading ,
    
      
      
      line_code ,
    
      
      
      line_name ,
    
      
      
      explanation_text ,
    
      
      
      source_file ,
    
      
      
      release_status ,
    
      
      
      approved_by ,
    
      
      
      approved_at 
    
  )
 (
      
    select municipality_code, reporting_date, org_unit_code, org_unit_name, section_seq, heading, line_code, line_name, explanation_text, source_file, release_status, approved_by, approved_at
    from (
        -- The controllers' explanations as the board reads them: fct_explanations with the
-- release status of each unit and date (preliminary, or approved by whom and when).
with figures as (
    select * from "toteuma"."marts"."fct_explanations"
),

final as (
    select
        figures.*,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from figures
    left join "toteuma"."marts"."fct_release_status" as status
        on figures.municipality_code = status.municipality_code
        and figures.reporting_date = status.reporting_date
        and figures.org_unit_code = status.org_unit_code
)

select * from final
    ) as model_subq
    );
  