{{ config(
    severity='error',
    meta={
        'check': 'parent_equals_sum_of_children',
        'layer': 'built',
        'explanation': 'A unit\'s published figure is not the sum of its child units and cost centres: the roll-up through the organisation lost or doubled money.',
        'selite': 'Yksikön luku ei ole alayksiköidensä ja kustannuspaikkojensa summa: organisaation läpi summattaessa rahaa katosi tai kahdentui.',
        'dagster': {'ref': {'name': 'int_income_statement_from_ledger'}},
    },
) }}
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
    select * from {{ ref('int_income_statement_from_ledger') }}
),

investments as (
    select * from {{ ref('int_investments_from_ledger') }}
),

units as (
    select * from {{ ref('int_org_units_on_reporting_dates') }}
),

cost_centre_figures as (
    select * from {{ ref('int_cost_centre_figures_on_reporting_dates') }}
),

report_lines as (
    select * from {{ ref('report_lines') }}
),

published as (
    select
        income_statement.municipality_code, income_statement.reporting_date,
        income_statement.org_unit_code, income_statement.line_code,
        {{ figure_list('income_statement') }}
    from income_statement
    inner join report_lines
        on income_statement.line_code = report_lines.line_code
    where not report_lines.is_subtotal
    union all
    select
        municipality_code, reporting_date, org_unit_code, 'INVESTMENT_' || item_code,
        {{ figure_list() }}
    from investments
    where item_code in ('TULOT', 'MENOT')
),

-- each piece is attributed to the parent it adds up into
children_pieces as (
    select
        units.municipality_code, units.reporting_date, units.parent_code as org_unit_code,
        published.line_code, {{ figure_list('published') }}
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
        cost_centre_figures.line_code, {{ figure_list('cost_centre_figures') }}
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
        {{ summed_figures() }}
    from children_pieces
    where org_unit_code is not null
    group by all
),

differences as (
    {% for figure in ledger_figures() -%}
    select
        published.municipality_code, published.reporting_date, published.org_unit_code,
        published.line_code, '{{ figure }}' as figure,
        coalesce(children_sums.{{ figure }}, 0) as children_amount,
        published.{{ figure }} as unit_amount
    from published
    left join children_sums
        on published.municipality_code = children_sums.municipality_code
        and published.reporting_date = children_sums.reporting_date
        and published.org_unit_code = children_sums.org_unit_code
        and published.line_code = children_sums.line_code
    where published.{{ figure }} != coalesce(children_sums.{{ figure }}, 0)
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='line_code',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='children_amount',
            actual='unit_amount',
            explanation="'Yksikkö ' || org_unit_code || ' ' || strftime(reporting_date, '%-d.%-m.%Y') || ', '
                || line_code || ' ' || " ~ figure_label('figure', 'reporting_date') ~ "
                || ': julkaistu ' || " ~ format_eur('unit_amount') ~ "
                || ' €, mutta sen alayksiköt ja kustannuspaikat ovat yhteensä ' || " ~ format_eur('children_amount') ~ "
                || ' € (erotus ' || " ~ format_eur('unit_amount - children_amount') ~ " || ' €)'"
        ) }}
    from differences
)

select * from final
