
    

    create  table
      "toteuma"."intermediate"."int_approved_figures_in_force__dbt_tmp"
  
    
    as (
      -- The approved review rows that are published: those of the sign-off in force for
-- their unit and date (older sign-offs' figures stay in the controls folder only).
with approved_figures as (
    select * from "toteuma"."staging"."stg_controls__approved_figures"
),

in_force as (
    select * from "toteuma"."intermediate"."int_signoffs_in_force"
),

final as (
    select
        approved_figures.*,
        case
        when approved_figures.budget_amended = 0 then cast(0 as decimal(9, 2))
        when ((abs(cast(approved_figures.actual_ytd * 100 as hugeint)) * 20000 + abs(cast(approved_figures.budget_amended * 100 as hugeint))) // (2 * abs(cast(approved_figures.budget_amended * 100 as hugeint)))) >= 1000000000 then null
        else cast(
            cast(
                ((abs(cast(approved_figures.actual_ytd * 100 as hugeint)) * 20000 + abs(cast(approved_figures.budget_amended * 100 as hugeint))) // (2 * abs(cast(approved_figures.budget_amended * 100 as hugeint))))
                * case when (approved_figures.actual_ytd < 0) = (approved_figures.budget_amended < 0) or approved_figures.actual_ytd = 0 then 1 else -1 end
                as decimal(38, 0)
            ) * 0.01 as decimal(9, 2)
        )
    end
            as realization_pct
    from approved_figures
    inner join in_force
        on approved_figures.signoff_id = in_force.signoff_id
        and approved_figures.municipality_code = in_force.municipality_code
        and approved_figures.reporting_date = in_force.reporting_date
        and approved_figures.org_unit_code = in_force.org_unit_code
)

select * from final
    );
    
  