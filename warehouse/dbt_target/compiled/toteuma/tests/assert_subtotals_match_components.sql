
-- Identity: every subtotal line of review.income_statement equals the sum of its direct
-- components (seed report_line_components): TOIMINTATUOTOT = MYYNTI + ... + MUUT_T,
-- TOIMINTAKULUT = HENKILOSTO + ... + MUUT_K, TOIMINTAKATE = TOIMINTATUOTOT + VALMISTUS +
-- TOIMINTAKULUT, VUOSIKATE = TOIMINTAKATE + VEROTULOT + VALTIONOSUUDET + RAHOITUS,
-- TULOS = VUOSIKATE + POISTOT + SATUNNAISET; in every actual and budget column.
-- Also review.investments: NETTO = TULOT + MENOT.
-- A failing row names the unit, date, subtotal and column whose printed subtotal is not
-- the sum of the lines above it: the subtotal computation is broken (or a line is
-- missing from the grid), and the published statement would not add up.
-- Evidence: one row per unit, reporting date, subtotal and column; expected = the sum of
-- the components, actual = the printed subtotal (investments: line_code NETTO).
with income_statement as (
    select * from "toteuma"."review"."income_statement"
),

investments as (
    select * from "toteuma"."review"."investments"
),

components as (
    select * from "toteuma"."seeds"."report_line_components"
),

figures as (
    select
        municipality_code, reporting_date, org_unit_code, line_code,
        'tp_prior_year' as figure, tp_prior_year as amount
    from income_statement
    union all
    select
        municipality_code, reporting_date, org_unit_code, line_code,
        'actual_prior_ytd' as figure, actual_prior_ytd as amount
    from income_statement
    union all
    select
        municipality_code, reporting_date, org_unit_code, line_code,
        'budget_amended' as figure, budget_amended as amount
    from income_statement
    union all
    select
        municipality_code, reporting_date, org_unit_code, line_code,
        'actual_ytd' as figure, actual_ytd as amount
    from income_statement
    union all
    select
        municipality_code, reporting_date, org_unit_code, line_code,
        'remaining' as figure, remaining as amount
    from income_statement
    
    
),

component_sums as (
    select
        figures.municipality_code,
        figures.reporting_date,
        figures.org_unit_code,
        components.subtotal_code as line_code,
        figures.figure,
        sum(figures.amount) as expected_amount
    from figures
    inner join components
        on figures.line_code = components.component_code
    group by all
),

subtotal_failures as (
    select
        'income_statement' as review_table,
        component_sums.*,
        figures.amount as reported_amount
    from component_sums
    left join figures
        on component_sums.municipality_code = figures.municipality_code
        and component_sums.reporting_date = figures.reporting_date
        and component_sums.org_unit_code = figures.org_unit_code
        and component_sums.line_code = figures.line_code
        and component_sums.figure = figures.figure
    where figures.amount is distinct from component_sums.expected_amount
),

investment_failures as (
    select
        'investments' as review_table,
        municipality_code,
        reporting_date,
        org_unit_code,
        'NETTO' as line_code,
        'tp_prior_year' as figure,
        sum(case when item_code in ('TULOT', 'MENOT') then tp_prior_year else 0 end)
            as expected_amount,
        sum(case when item_code = 'NETTO' then tp_prior_year else 0 end) as reported_amount
    from investments
    group by municipality_code, reporting_date, org_unit_code
    having expected_amount != reported_amount
    union all
    select
        'investments' as review_table,
        municipality_code,
        reporting_date,
        org_unit_code,
        'NETTO' as line_code,
        'actual_prior_ytd' as figure,
        sum(case when item_code in ('TULOT', 'MENOT') then actual_prior_ytd else 0 end)
            as expected_amount,
        sum(case when item_code = 'NETTO' then actual_prior_ytd else 0 end) as reported_amount
    from investments
    group by municipality_code, reporting_date, org_unit_code
    having expected_amount != reported_amount
    union all
    select
        'investments' as review_table,
        municipality_code,
        reporting_date,
        org_unit_code,
        'NETTO' as line_code,
        'budget_amended' as figure,
        sum(case when item_code in ('TULOT', 'MENOT') then budget_amended else 0 end)
            as expected_amount,
        sum(case when item_code = 'NETTO' then budget_amended else 0 end) as reported_amount
    from investments
    group by municipality_code, reporting_date, org_unit_code
    having expected_amount != reported_amount
    union all
    select
        'investments' as review_table,
        municipality_code,
        reporting_date,
        org_unit_code,
        'NETTO' as line_code,
        'actual_ytd' as figure,
        sum(case when item_code in ('TULOT', 'MENOT') then actual_ytd else 0 end)
            as expected_amount,
        sum(case when item_code = 'NETTO' then actual_ytd else 0 end) as reported_amount
    from investments
    group by municipality_code, reporting_date, org_unit_code
    having expected_amount != reported_amount
    union all
    select
        'investments' as review_table,
        municipality_code,
        reporting_date,
        org_unit_code,
        'NETTO' as line_code,
        'remaining' as figure,
        sum(case when item_code in ('TULOT', 'MENOT') then remaining else 0 end)
            as expected_amount,
        sum(case when item_code = 'NETTO' then remaining else 0 end) as reported_amount
    from investments
    group by municipality_code, reporting_date, org_unit_code
    having expected_amount != reported_amount
    
    
),

all_failures as (
    select * from subtotal_failures
    union all by name
    select * from investment_failures
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(line_code as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(expected_amount as decimal(18, 2)) as expected,
    cast(reported_amount as decimal(18, 2)) as actual,
    cast(cast(reported_amount as decimal(18, 2)) - cast(expected_amount as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Yksikkö ' || org_unit_code || ' ' || strftime(reporting_date, '%-d.%-m.%Y') || ', '
                || case when review_table = 'investments' then 'investoinnit NETTO' else line_code end
                || ' ' || case figure
        when 'tp_prior_year' then 'TP ' || (year(reporting_date) - 1) || ' (tp_prior_year)'
        when 'actual_prior_ytd' then
            'TOT ' || (year(reporting_date) - 1) || ' 1-' || month(reporting_date)
            || ' kk (actual_prior_ytd)'
        when 'budget_amended' then 'TA ' || year(reporting_date) || ' + muutos (budget_amended)'
        when 'actual_ytd' then
            'TOT ' || year(reporting_date) || ' 1-' || month(reporting_date) || ' kk (actual_ytd)'
        when 'remaining' then 'Jäljellä (remaining)'
        when 'realization_pct' then 'TOT-% (realization_pct)'
        else figure
    end
                || ': tulostettu ' || coalesce(
        case when (reported_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(reported_amount)) as hugeint)), ',', ' ')
        || case
            when abs(reported_amount) != trunc(abs(reported_amount))
                then ',' || lpad(cast(cast(abs(reported_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' €, mutta sen osat ovat yhteensä ' || coalesce(
        case when (expected_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(expected_amount)) as hugeint)), ',', ' ')
        || case
            when abs(expected_amount) != trunc(abs(expected_amount))
                then ',' || lpad(cast(cast(abs(expected_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € (erotus ' || coalesce(
        case when (reported_amount - expected_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(reported_amount - expected_amount)) as hugeint)), ',', ' ')
        || case
            when abs(reported_amount - expected_amount) != trunc(abs(reported_amount - expected_amount))
                then ',' || lpad(cast(cast(abs(reported_amount - expected_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €)' as varchar) as explanation
    from all_failures
)

select * from final