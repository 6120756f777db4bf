with units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
    where org_level != 'KUSTANNUSPAIKKA'
),

unit_figures as (
    select * from "toteuma"."intermediate"."int_unit_figures_rolled_up"
    where line_code in ('INVESTMENT_TULOT', 'INVESTMENT_MENOT')
),

items as (
    select * from "toteuma"."seeds"."binding_budget_items"
),

tulot_menot as (
    select
        units.municipality_code,
        units.reporting_date,
        units.org_unit_code,
        items.item_code,
        coalesce(unit_figures.tp_prior_year, 0) as tp_prior_year,
        coalesce(unit_figures.actual_prior_ytd, 0) as actual_prior_ytd,
        coalesce(unit_figures.budget_amended, 0) as budget_amended,
        coalesce(unit_figures.actual_ytd, 0) as actual_ytd
        
    from units
    cross join items
    left join unit_figures
        on units.municipality_code = unit_figures.municipality_code
        and units.reporting_date = unit_figures.reporting_date
        and units.org_unit_code = unit_figures.org_unit_code
        and 'INVESTMENT_' || items.item_code = unit_figures.line_code
    where items.item_code in ('TULOT', 'MENOT')
),

netto as (
    select
        municipality_code,
        reporting_date,
        org_unit_code,
        'NETTO' as item_code,
        sum(tp_prior_year) as tp_prior_year,
        sum(actual_prior_ytd) as actual_prior_ytd,
        sum(budget_amended) as budget_amended,
        sum(actual_ytd) as actual_ytd
        
    from tulot_menot
    group by all
),

all_items as (
    select * from tulot_menot
    union all by name
    select * from netto
),

final as (
    select
        cast(all_items.municipality_code as varchar) as municipality_code,
        cast(all_items.reporting_date as date) as reporting_date,
        cast(all_items.org_unit_code as varchar) as org_unit_code,
        cast(units.org_unit_name as varchar) as org_unit_name,
        cast(units.org_level as varchar) as org_level,
        cast(units.is_valid_on_reporting_date as boolean) as is_valid_on_reporting_date,
        cast(all_items.item_code as varchar) as item_code,
        cast(items.item_order as integer) as item_order,
        cast(all_items.tp_prior_year as decimal(18, 2)) as tp_prior_year,
        cast(all_items.actual_prior_ytd as decimal(18, 2)) as actual_prior_ytd,
        cast(all_items.budget_amended as decimal(18, 2)) as budget_amended,
        cast(all_items.actual_ytd as decimal(18, 2)) as actual_ytd,
        
        cast(all_items.budget_amended - all_items.actual_ytd as decimal(18, 2)) as remaining,
        case
        when all_items.budget_amended = 0 then cast(0 as decimal(9, 2))
        when ((abs(cast(all_items.actual_ytd * 100 as hugeint)) * 20000 + abs(cast(all_items.budget_amended * 100 as hugeint))) // (2 * abs(cast(all_items.budget_amended * 100 as hugeint)))) >= 1000000000 then null
        else cast(
            cast(
                ((abs(cast(all_items.actual_ytd * 100 as hugeint)) * 20000 + abs(cast(all_items.budget_amended * 100 as hugeint))) // (2 * abs(cast(all_items.budget_amended * 100 as hugeint))))
                * case when (all_items.actual_ytd < 0) = (all_items.budget_amended < 0) or all_items.actual_ytd = 0 then 1 else -1 end
                as decimal(38, 0)
            ) * 0.01 as decimal(9, 2)
        )
    end as realization_pct
    from all_items
    inner join units
        on all_items.municipality_code = units.municipality_code
        and all_items.reporting_date = units.reporting_date
        and all_items.org_unit_code = units.org_unit_code
    inner join items
        on all_items.item_code = items.item_code
)

select * from final