
    

    create  table
      "toteuma"."intermediate"."int_budget_deviations__dbt_tmp"
  
    
    as (
      -- Lines whose realisation deviates from the budget's pro-rata share of the months
-- elapsed by more than the tolerance (TOTEUMA_DEVIATION_PCT, default more than 10 %,
-- and TOTEUMA_DEVIATION_EUR, default more than 10 000 €), on the official reporting
-- dates (31.3., 30.6., 30.9., 31.12.), for every unit valid on the date and every revenue
-- and cost line (subtotals and mixed lines follow from them). pro-rata share =
-- TA + muutos x months / 12; a line with no budget deviates by all it realised.
-- explained_in names the explanation that covers it: a '## <line>' section in the file
-- of the unit or of a unit above it on the date (controls/explanations/...); null =
-- unexplained (check deviations_explained; sign-off refuses).
with income_statement as (
    select * from "toteuma"."intermediate"."int_income_statement_from_ledger"
),

official_dates as (
    select * from "toteuma"."seeds"."official_reporting_dates"
),

paths as (
    select * from "toteuma"."intermediate"."int_org_paths"
),

explanations as (
    select * from "toteuma"."staging"."stg_controls__explanations"
    where line_code is not null
),

measured as (
    select
        income_statement.municipality_code,
        income_statement.reporting_date,
        income_statement.org_unit_code,
        income_statement.org_unit_name,
        income_statement.line_code,
        income_statement.line_name,
        income_statement.budget_amended,
        income_statement.actual_ytd,
        cast(
            income_statement.budget_amended * month(income_statement.reporting_date) / 12
            as decimal(18, 2)
        ) as pro_rata_budget
    from income_statement
    inner join official_dates
        on month(income_statement.reporting_date) = official_dates.month
        and day(income_statement.reporting_date) = official_dates.day
    where
        income_statement.line_kind in ('revenue', 'cost')
        and income_statement.is_valid_on_reporting_date
),

deviating as (
    select
        *,
        actual_ytd - pro_rata_budget as deviation
    from measured
    where
        abs(actual_ytd - pro_rata_budget) > 10000
        and abs(actual_ytd - pro_rata_budget) > abs(pro_rata_budget) * 10 / 100
),

final as (
    select
        deviating.*,
        cast(10 as decimal(9, 2)) as tolerance_pct,
        cast(10000 as decimal(18, 2)) as tolerance_eur,
        min(explanations.source_file) as explained_in
    from deviating
    left join paths
        on deviating.municipality_code = paths.municipality_code
        and deviating.reporting_date = paths.reporting_date
        and deviating.org_unit_code = paths.cost_centre_code
    left join explanations
        on paths.municipality_code = explanations.municipality_code
        and paths.reporting_date = explanations.reporting_date
        and paths.ancestor_code = explanations.org_unit_code
        and deviating.line_code = explanations.line_code
    group by all
)

select * from final
    );
    
  