
    

    create  table
      "toteuma"."intermediate"."int_signoffs_in_force__dbt_tmp"
  
    
    as (
      -- The sign-off in force for each unit and reporting date: the latest one covering it
-- (a new sign-off of a unit, or of a unit above it, replaces the earlier one).
with coverage as (
    select * from "toteuma"."intermediate"."int_signoff_coverage"
),

signoffs as (
    select * from "toteuma"."staging"."stg_controls__signoffs"
),

final as (
    select
        coverage.municipality_code,
        coverage.reporting_date,
        coverage.org_unit_code,
        signoffs.signoff_id,
        signoffs.scope_org_unit_code,
        signoffs.signed_by,
        signoffs.os_user,
        signoffs.signed_at,
        signoffs.comment,
        signoffs.fingerprint
    from coverage
    inner join signoffs
        on coverage.signoff_id = signoffs.signoff_id
    qualify row_number() over (
        partition by coverage.municipality_code, coverage.reporting_date, coverage.org_unit_code
        order by
            signoffs.signed_at desc,
            cast(split_part(signoffs.signoff_id, '#', 2) as integer) desc
    ) = 1
)

select * from final
    );
    
  