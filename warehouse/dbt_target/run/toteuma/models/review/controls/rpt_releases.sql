
    
      
    

    create  table
      "toteuma"."review"."releases__dbt_tmp"
  
  (
    municipality_code varchar,
    reporting_date date,
    org_unit_code varchar,
    org_unit_name varchar,
    org_level varchar,
    status_seq integer,
    release_status varchar,
    approved_by varchar,
    approved_at timestamp,
    approved_as_os_user varchar,
    comment varchar,
    signed_off_unit_code varchar,
    fingerprint varchar,
    is_current_status boolean,
    has_changed_figures boolean,
    is_year_closed boolean
    
    )
 ;
    
    
    insert into "toteuma"."review"."releases__dbt_tmp" 
  (
    
      
      
      municipality_code ,
    
      
      
      reporting_date ,
    
      
      
      org_unit_code ,
    
      
      
      org_unit_name ,
    
      
      
      org_level ,
    
      
      
      status_seq ,
    
      
      
      release_status ,
    
      
      
      approved_by ,
    
      
      
      approved_at ,
    
      
      
      approved_as_os_user ,
    
      
      
      comment ,
    
      
      
      signed_off_unit_code ,
    
      
      
      fingerprint ,
    
      
      
      is_current_status ,
    
      
      
      has_changed_figures ,
    
      
      
      is_year_closed 
    
  )
 (
      
    select municipality_code, reporting_date, org_unit_code, org_unit_name, org_level, status_seq, release_status, approved_by, approved_at, approved_as_os_user, comment, signed_off_unit_code, fingerprint, is_current_status, has_changed_figures, is_year_closed
    from (
        -- Each unit's release history on each reporting date as controllers and the board read
-- it: fct_release_history (a first row 'preliminary', then one per sign-off covering
-- the unit; is_current_status marks the one in force).
with history as (
    select * from "toteuma"."marts"."fct_release_history"
),

final as (
    select * from history
)

select * from final
    ) as model_subq
    );
  