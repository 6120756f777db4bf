
-- Identity: on every reporting date D, every unit's figure on every income-statement
-- line (and investment item TULOT / MENOT) equals the sum of its direct children on D:
-- its child units (as published) plus the cost centres directly under it (a unit may
-- have both) plus anything posted on the unit's own code. Children are those of the
-- organisation placed on D (int_org_units_on_reporting_dates): a unit not valid on D
-- that carries figures on D is the child of the parent its placement rule gives. Checked
-- on the posted lines and items, in all four period columns; subtotals follow from
-- assert_subtotals_match_components.
-- A failing row means the roll-up through the organisation valid on D lost or doubled
-- money between a parent and its children (e.g. a broken bridge, a child valid on D
-- whose parent is not, or overlapping validity of a code).
-- Evidence: one row per unit, reporting date, line and column that disagree;
-- expected = the sum of the children, actual = the unit's published figure.
with income_statement as (
    select * from "toteuma"."intermediate"."int_income_statement_from_ledger"
),

investments as (
    select * from "toteuma"."intermediate"."int_investments_from_ledger"
),

units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

cost_centre_figures as (
    select * from "toteuma"."intermediate"."int_cost_centre_figures_on_reporting_dates"
),

report_lines as (
    select * from "toteuma"."seeds"."report_lines"
),

published as (
    select
        income_statement.municipality_code, income_statement.reporting_date,
        income_statement.org_unit_code, income_statement.line_code,
        income_statement.tp_prior_year, income_statement.actual_prior_ytd, income_statement.budget_amended, income_statement.actual_ytd
    from income_statement
    inner join report_lines
        on income_statement.line_code = report_lines.line_code
    where not report_lines.is_subtotal
    union all
    select
        municipality_code, reporting_date, org_unit_code, 'INVESTMENT_' || item_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd
    from investments
    where item_code in ('TULOT', 'MENOT')
),

-- each piece is attributed to the parent it adds up into
children_pieces as (
    select
        units.municipality_code, units.reporting_date, units.parent_code as org_unit_code,
        published.line_code, published.tp_prior_year, published.actual_prior_ytd, published.budget_amended, published.actual_ytd
    from published
    inner join units
        on published.municipality_code = units.municipality_code
        and published.reporting_date = units.reporting_date
        and published.org_unit_code = units.org_unit_code
    where units.parent_code is not null
    union all
    select
        units.municipality_code, units.reporting_date,
        case
            when units.org_level = 'KUSTANNUSPAIKKA' then units.parent_code
            else units.org_unit_code
        end,
        cost_centre_figures.line_code, cost_centre_figures.tp_prior_year, cost_centre_figures.actual_prior_ytd, cost_centre_figures.budget_amended, cost_centre_figures.actual_ytd
    from cost_centre_figures
    inner join units
        on cost_centre_figures.municipality_code = units.municipality_code
        and cost_centre_figures.reporting_date = units.reporting_date
        and cost_centre_figures.cost_centre_code = units.org_unit_code
),

children_sums as (
    select
        municipality_code,
        reporting_date,
        org_unit_code,
        line_code,
        cast(sum(tp_prior_year) as decimal(18, 2)) as tp_prior_year, cast(sum(actual_prior_ytd) as decimal(18, 2)) as actual_prior_ytd, cast(sum(budget_amended) as decimal(18, 2)) as budget_amended, cast(sum(actual_ytd) as decimal(18, 2)) as actual_ytd
    from children_pieces
    where org_unit_code is not null
    group by all
),

differences as (
    select
        published.municipality_code, published.reporting_date, published.org_unit_code,
        published.line_code, 'tp_prior_year' as figure,
        coalesce(children_sums.tp_prior_year, 0) as children_amount,
        published.tp_prior_year as unit_amount
    from published
    left join children_sums
        on published.municipality_code = children_sums.municipality_code
        and published.reporting_date = children_sums.reporting_date
        and published.org_unit_code = children_sums.org_unit_code
        and published.line_code = children_sums.line_code
    where published.tp_prior_year != coalesce(children_sums.tp_prior_year, 0)
    union all
    select
        published.municipality_code, published.reporting_date, published.org_unit_code,
        published.line_code, 'actual_prior_ytd' as figure,
        coalesce(children_sums.actual_prior_ytd, 0) as children_amount,
        published.actual_prior_ytd as unit_amount
    from published
    left join children_sums
        on published.municipality_code = children_sums.municipality_code
        and published.reporting_date = children_sums.reporting_date
        and published.org_unit_code = children_sums.org_unit_code
        and published.line_code = children_sums.line_code
    where published.actual_prior_ytd != coalesce(children_sums.actual_prior_ytd, 0)
    union all
    select
        published.municipality_code, published.reporting_date, published.org_unit_code,
        published.line_code, 'budget_amended' as figure,
        coalesce(children_sums.budget_amended, 0) as children_amount,
        published.budget_amended as unit_amount
    from published
    left join children_sums
        on published.municipality_code = children_sums.municipality_code
        and published.reporting_date = children_sums.reporting_date
        and published.org_unit_code = children_sums.org_unit_code
        and published.line_code = children_sums.line_code
    where published.budget_amended != coalesce(children_sums.budget_amended, 0)
    union all
    select
        published.municipality_code, published.reporting_date, published.org_unit_code,
        published.line_code, 'actual_ytd' as figure,
        coalesce(children_sums.actual_ytd, 0) as children_amount,
        published.actual_ytd as unit_amount
    from published
    left join children_sums
        on published.municipality_code = children_sums.municipality_code
        and published.reporting_date = children_sums.reporting_date
        and published.org_unit_code = children_sums.org_unit_code
        and published.line_code = children_sums.line_code
    where published.actual_ytd != coalesce(children_sums.actual_ytd, 0)
    
    
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(line_code as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(children_amount as decimal(18, 2)) as expected,
    cast(unit_amount as decimal(18, 2)) as actual,
    cast(cast(unit_amount as decimal(18, 2)) - cast(children_amount as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Yksikkö ' || org_unit_code || ' ' || strftime(reporting_date, '%-d.%-m.%Y') || ', '
                || line_code || ' ' || case figure
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
                || ': julkaistu ' || coalesce(
        case when (unit_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(unit_amount)) as hugeint)), ',', ' ')
        || case
            when abs(unit_amount) != trunc(abs(unit_amount))
                then ',' || lpad(cast(cast(abs(unit_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' €, mutta sen alayksiköt ja kustannuspaikat ovat yhteensä ' || coalesce(
        case when (children_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(children_amount)) as hugeint)), ',', ' ')
        || case
            when abs(children_amount) != trunc(abs(children_amount))
                then ',' || lpad(cast(cast(abs(children_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € (erotus ' || coalesce(
        case when (unit_amount - children_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(unit_amount - children_amount)) as hugeint)), ',', ' ')
        || case
            when abs(unit_amount - children_amount) != trunc(abs(unit_amount - children_amount))
                then ',' || lpad(cast(cast(abs(unit_amount - children_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €)' as varchar) as explanation
    from differences
)

select * from final