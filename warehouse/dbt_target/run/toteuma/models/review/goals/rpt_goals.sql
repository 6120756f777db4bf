
    
      
    

    create  table
      "toteuma"."review"."goals__dbt_tmp"
  
  (
    municipality_code varchar,
    org_unit_code varchar,
    reporting_date date,
    goal_kind varchar,
    theme varchar,
    goal_text varchar,
    measure_text varchar,
    responsible varchar,
    assessment_text varchar,
    status varchar,
    status_original varchar,
    is_status_normalised boolean,
    source_file varchar,
    source_row integer,
    release_status varchar,
    approved_by varchar,
    approved_at timestamp
    
    )
 ;
    
    
    insert into "toteuma"."review"."goals__dbt_tmp" 
  (
    
      
      
      municipality_code ,
    
      
      
      org_unit_code ,
    
      
      
      reporting_date ,
    
      
      
      goal_kind ,
    
      
      
      theme ,
    
      
      
      goal_text ,
    
      
      
      measure_text ,
    
      
      
      responsible ,
    
      
      
      assessment_text ,
    
      
      
      status ,
    
      
      
      status_original ,
    
      
      
      is_status_normalised ,
    
      
      
      source_file ,
    
      
      
      source_row ,
    
      
      
      release_status ,
    
      
      
      approved_by ,
    
      
      
      approved_at 
    
  )
 (
      
    select municipality_code, org_unit_code, reporting_date, goal_kind, theme, goal_text, measure_text, responsible, assessment_text, status, status_original, is_status_normalised, source_file, source_row, release_status, approved_by, approved_at
    from (
        with assessments as (
    select * from "toteuma"."marts"."fct_goal_assessments"
),

goals as (
    select * from "toteuma"."marts"."dim_goal"
),

final as (
    select
        assessments.municipality_code,
        assessments.org_unit_code,
        assessments.assessment_date as reporting_date,
        assessments.goal_kind,
        goals.theme,
        goals.goal_text,
        goals.measure_text,
        goals.responsible,
        assessments.assessment_text,
        assessments.status,
        assessments.status_original,
        assessments.is_status_normalised,
        assessments.source_file,
        assessments.source_row,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from assessments
    inner join goals on assessments.goal_key = goals.goal_key
    left join "toteuma"."marts"."fct_release_status" as status
        on assessments.municipality_code = status.municipality_code
        and assessments.assessment_date = status.reporting_date
        and assessments.org_unit_code = status.org_unit_code
)

select * from final
    ) as model_subq
    );
  