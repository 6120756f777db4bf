
-- Identity: in every review table, remaining (Jäljellä / poikkeama) = budget_amended -
-- actual_ytd exactly. (TOT-% is checked by assert_realization_pct_identity.)
-- A failing row is a published cell that contradicts the two columns it is computed from.
-- Evidence: one row per review row; line_code = the line or item (binding budget and
-- investments: TULOT / MENOT / NETTO, named in the explanation), expected =
-- budget_amended - actual_ytd, actual = the printed remaining.
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
        budget_amended, actual_ytd, remaining
    from income_statement
    union all
    select
        review_table, municipality_code, reporting_date, org_unit_code, item,
        budget_amended, actual_ytd, remaining
    from binding_budget
    union all
    select
        review_table, municipality_code, reporting_date, org_unit_code, item,
        budget_amended, actual_ytd, remaining
    from investments
    
    
),

failing as (
    select
        *,
        budget_amended - actual_ytd as expected_remaining
    from all_rows
    where remaining is distinct from budget_amended - actual_ytd
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(item as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(expected_remaining as decimal(18, 2)) as expected,
    cast(remaining as decimal(18, 2)) as actual,
    cast(cast(remaining as decimal(18, 2)) - cast(expected_remaining as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('review.' || review_table || ', yksikkö ' || org_unit_code || ' '
                || strftime(reporting_date, '%-d.%-m.%Y') || ', ' || item
                || ': Jäljellä tulostettu ' || coalesce(
        case when (remaining) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(remaining)) as hugeint)), ',', ' ')
        || case
            when abs(remaining) != trunc(abs(remaining))
                then ',' || lpad(cast(cast(abs(remaining) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €, mutta TA + muutos '
                || coalesce(
        case when (budget_amended) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(budget_amended)) as hugeint)), ',', ' ')
        || case
            when abs(budget_amended) != trunc(abs(budget_amended))
                then ',' || lpad(cast(cast(abs(budget_amended) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' € miinus TOT ' || coalesce(
        case when (actual_ytd) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(actual_ytd)) as hugeint)), ',', ' ')
        || case
            when abs(actual_ytd) != trunc(abs(actual_ytd))
                then ',' || lpad(cast(cast(abs(actual_ytd) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € on ' || coalesce(
        case when (expected_remaining) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(expected_remaining)) as hugeint)), ',', ' ')
        || case
            when abs(expected_remaining) != trunc(abs(expected_remaining))
                then ',' || lpad(cast(cast(abs(expected_remaining) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €' as varchar) as explanation
    from failing
)

select * from final