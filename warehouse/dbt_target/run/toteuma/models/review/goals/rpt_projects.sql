
    
      
    

    create  table
      "toteuma"."review"."projects__dbt_tmp"
  
  (
    municipality_code varchar,
    org_unit_code varchar,
    reporting_date date,
    theme varchar,
    project_name varchar,
    period_text varchar,
    total_funding decimal(18,2),
    funders varchar,
    city_share_pct decimal(18,2),
    city_share_text varchar,
    expense_realization_pct decimal(18,2),
    status_text varchar,
    source_file varchar,
    source_row integer,
    release_status varchar,
    approved_by varchar,
    approved_at timestamp
    
    )
 ;
    
    
    insert into "toteuma"."review"."projects__dbt_tmp" 
  (
    
      
      
      municipality_code ,
    
      
      
      org_unit_code ,
    
      
      
      reporting_date ,
    
      
      
      theme ,
    
      
      
      project_name ,
    
      
      
      period_text ,
    
      
      
      total_funding ,
    
      
      
      funders ,
    
      
      
      city_share_pct ,
    
      
      
      city_share_text ,
    
      
      
      expense_realization_pct ,
    
      
      
      status_text ,
    
      
      
      source_file ,
    
      
      
      source_row ,
    
      
      
      release_status ,
    
      
      
      approved_by ,
    
      
      
      approved_at 
    
  )
 (
      
    select municipality_code, org_unit_code, reporting_date, theme, project_name, period_text, total_funding, funders, city_share_pct, city_share_text, expense_realization_pct, status_text, source_file, source_row, release_status, approved_by, approved_at
    from (
        with projects as (
    select * from "toteuma"."marts"."fct_projects"
),

final as (
    select
        projects.municipality_code,
        projects.org_unit_code,
        projects.reporting_date,
        projects.theme,
        projects.project_name,
        projects.period_text,
        projects.total_funding,
        projects.funders,
        projects.city_share_pct,
        projects.city_share_text,
        projects.expense_realization_pct,
        projects.status_text,
        projects.source_file,
        projects.source_row,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from projects
    left join "toteuma"."marts"."fct_release_status" as status
        on projects.municipality_code = status.municipality_code
        and projects.reporting_date = status.reporting_date
        and projects.org_unit_code = status.org_unit_code
)

select * from final
    ) as model_subq
    );
  