
-- Identity: in every review table, realization_pct (TOT-%) = actual_ytd / budget_amended
-- x 100 to two decimals (0.00 where the budget is 0). The percentage is recomputed here
-- in floating point, independently of the realization_pct macro, and may differ by at
-- most one hundredth of a percent (a half-way case rounded the other way).
-- Null realization_pct (ratio too large for DECIMAL(9,2)) is reported by a warning
-- not_null test, not here.
-- Evidence: one row per review row; expected = the recomputed percentage, actual = the
-- printed one (both in percent, not euros).
with income_statement as (
    select 'income_statement' as review_table, line_code as item, *
    from "toteuma"."review"."income_statement"
),

binding_budget as (
    select 'binding_budget' as review_table, item_code as item, *
    from "toteuma"."review"."binding_budget"
),

investments as (
    select 'investments' as review_table, item_code as item, *
    from "toteuma"."review"."investments"
),

all_rows as (
    select
        review_table, municipality_code, reporting_date, org_unit_code, item,
        budget_amended, actual_ytd, realization_pct
    from income_statement
    union all
    select
        review_table, municipality_code, reporting_date, org_unit_code, item,
        budget_amended, actual_ytd, realization_pct
    from binding_budget
    union all
    select
        review_table, municipality_code, reporting_date, org_unit_code, item,
        budget_amended, actual_ytd, realization_pct
    from investments
    
    
),

checked as (
    select
        *,
        case
            when budget_amended = 0 then 0
            else round(cast(actual_ytd as double) / cast(budget_amended as double) * 100, 2)
        end as expected_realization_pct
    from all_rows
),

failing as (
    select *
    from checked
    where
        realization_pct is not null
        and abs(realization_pct - expected_realization_pct) > 0.011
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(item as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(expected_realization_pct as decimal(18, 2)) as expected,
    cast(realization_pct as decimal(18, 2)) as actual,
    cast(cast(realization_pct as decimal(18, 2)) - cast(expected_realization_pct as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('review.' || review_table || ', yksikkö ' || org_unit_code || ' '
                || strftime(reporting_date, '%-d.%-m.%Y') || ', ' || item
                || ': TOT-% tulostettu ' || coalesce(replace(format('{:.2f}', cast(realization_pct as double)), '.', ',') || ' %', 'none') || ', mutta TOT '
                || coalesce(
        case when (actual_ytd) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(actual_ytd)) as hugeint)), ',', ' ')
        || case
            when abs(actual_ytd) != trunc(abs(actual_ytd))
                then ',' || lpad(cast(cast(abs(actual_ytd) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' € / TA + muutos ' || coalesce(
        case when (budget_amended) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(budget_amended)) as hugeint)), ',', ' ')
        || case
            when abs(budget_amended) != trunc(abs(budget_amended))
                then ',' || lpad(cast(cast(abs(budget_amended) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € on ' || coalesce(replace(format('{:.2f}', cast(expected_realization_pct as double)), '.', ',') || ' %', 'none') as varchar) as explanation
    from failing
)

select * from final