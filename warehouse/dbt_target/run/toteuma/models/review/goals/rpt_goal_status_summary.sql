
    
      
    

    create  table
      "toteuma"."review"."goal_status_summary__dbt_tmp"
  
  (
    municipality_code varchar,
    org_unit_code varchar,
    reporting_date date,
    goal_kind varchar,
    theme varchar,
    goal_count bigint,
    toteutuu_count bigint,
    toteutuu_osittain_count bigint,
    ei_toteudu_count bigint,
    ei_tietoa_count bigint,
    unknown_status_count bigint,
    release_status varchar,
    approved_by varchar,
    approved_at timestamp
    
    )
 ;
    
    
    insert into "toteuma"."review"."goal_status_summary__dbt_tmp" 
  (
    
      
      
      municipality_code ,
    
      
      
      org_unit_code ,
    
      
      
      reporting_date ,
    
      
      
      goal_kind ,
    
      
      
      theme ,
    
      
      
      goal_count ,
    
      
      
      toteutuu_count ,
    
      
      
      toteutuu_osittain_count ,
    
      
      
      ei_toteudu_count ,
    
      
      
      ei_tietoa_count ,
    
      
      
      unknown_status_count ,
    
      
      
      release_status ,
    
      
      
      approved_by ,
    
      
      
      approved_at 
    
  )
 (
      
    select municipality_code, org_unit_code, reporting_date, goal_kind, theme, goal_count, toteutuu_count, toteutuu_osittain_count, ei_toteudu_count, ei_tietoa_count, unknown_status_count, release_status, approved_by, approved_at
    from (
        -- Counts the statuses a workbook gives on its own reporting date (earlier Toteuma
-- columns carry no status of their own).
with assessments as (
    select * from "toteuma"."marts"."fct_goal_assessments"
    where assessment_date_is_reporting_date
),

goals as (
    select * from "toteuma"."marts"."dim_goal"
),

counted as (
    select
        assessments.municipality_code,
        assessments.org_unit_code,
        assessments.assessment_date as reporting_date,
        assessments.goal_kind,
        goals.theme,
        count(*) as goal_count,
        count(*) filter (where assessments.status = 'Toteutuu') as toteutuu_count,
        count(*) filter (where assessments.status = 'Toteutuu osittain') as toteutuu_osittain_count,
        count(*) filter (where assessments.status = 'Ei toteudu') as ei_toteudu_count,
        count(*) filter (where assessments.status = 'Ei tietoa') as ei_tietoa_count,
        count(*) filter (where assessments.status is null) as unknown_status_count
    from assessments
    inner join goals on assessments.goal_key = goals.goal_key
    group by all
),

final as (
    select
        counted.*,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from counted
    left join "toteuma"."marts"."fct_release_status" as status
        on counted.municipality_code = status.municipality_code
        and counted.reporting_date = status.reporting_date
        and counted.org_unit_code = status.org_unit_code
)

select * from final
    ) as model_subq
    );
  