
    
      
    

    create  table
      "toteuma"."review"."income_statement__dbt_tmp"
  
  (
    municipality_code varchar,
    reporting_date date,
    org_unit_code varchar,
    org_unit_name varchar,
    org_level varchar,
    is_valid_on_reporting_date boolean,
    line_code varchar,
    line_name varchar,
    line_order integer,
    line_kind varchar,
    tp_prior_year decimal(18,2),
    actual_prior_ytd decimal(18,2),
    budget_amended decimal(18,2),
    actual_ytd decimal(18,2),
    remaining decimal(18,2),
    realization_pct decimal(9,2),
    forecast decimal(18,2),
    release_status varchar,
    approved_by varchar,
    approved_at timestamp
    
    )
 ;
    
    
    insert into "toteuma"."review"."income_statement__dbt_tmp" 
  (
    
      
      
      municipality_code ,
    
      
      
      reporting_date ,
    
      
      
      org_unit_code ,
    
      
      
      org_unit_name ,
    
      
      
      org_level ,
    
      
      
      is_valid_on_reporting_date ,
    
      
      
      line_code ,
    
      
      
      line_name ,
    
      
      
      line_order ,
    
      
      
      line_kind ,
    
      
      
      tp_prior_year ,
    
      
      
      actual_prior_ytd ,
    
      
      
      budget_amended ,
    
      
      
      actual_ytd ,
    
      
      
      remaining ,
    
      
      
      realization_pct ,
    
      
      
      forecast ,
    
      
      
      release_status ,
    
      
      
      approved_by ,
    
      
      
      approved_at 
    
  )
 (
      
    select municipality_code, reporting_date, org_unit_code, org_unit_name, org_level, is_valid_on_reporting_date, line_code, line_name, line_order, line_kind, tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd, remaining, realization_pct, forecast, release_status, approved_by, approved_at
    from (
        -- The income statement as the board reads it: fct_income_statement with the release status of each
-- unit and date (preliminary, or approved by whom and when).
with figures as (
    select * from "toteuma"."marts"."fct_income_statement"
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
  