with units as (
    select * from {{ ref('int_org_units_on_reporting_dates') }}
    where org_level != 'KUSTANNUSPAIKKA'
),

unit_figures as (
    select * from {{ ref('int_unit_figures_rolled_up') }}
    where line_code in ('INVESTMENT_TULOT', 'INVESTMENT_MENOT')
),

items as (
    select * from {{ ref('binding_budget_items') }}
),

tulot_menot as (
    select
        units.municipality_code,
        units.reporting_date,
        units.org_unit_code,
        items.item_code,
        {% for figure in ledger_figures() -%}
        coalesce(unit_figures.{{ figure }}, 0) as {{ figure }}{% if not loop.last %},{% endif %}
        {% endfor %}
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
        {% for figure in ledger_figures() -%}
        sum({{ figure }}) as {{ figure }}{% if not loop.last %},{% endif %}
        {% endfor %}
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
        {% for figure in ledger_figures() -%}
        cast(all_items.{{ figure }} as decimal(18, 2)) as {{ figure }},
        {% endfor %}
        cast(all_items.budget_amended - all_items.actual_ytd as decimal(18, 2)) as remaining,
        {{ realization_pct('all_items.actual_ytd', 'all_items.budget_amended') }} as realization_pct
    from all_items
    inner join units
        on all_items.municipality_code = units.municipality_code
        and all_items.reporting_date = units.reporting_date
        and all_items.org_unit_code = units.org_unit_code
    inner join items
        on all_items.item_code = items.item_code
)

select * from final
