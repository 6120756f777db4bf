{{ config(
    severity='error',
    meta={
        'check': 'review_total_equals_ledger',
        'layer': 'built',
        'explanation': 'The published result (TULOS) of the whole municipality differs from the ledger or the budget rows: money was dropped or doubled on the way to the review tables.',
        'selite': 'Koko kunnan tilikauden tulos katsauksessa poikkeaa kirjanpidosta tai talousarviosta: rahaa katosi tai kahdentui matkalla katsaukseen.',
        'dagster': {'ref': {'name': 'int_income_statement_from_ledger'}},
    },
) }}
{% set figures = ledger_figures() -%}
-- Identity: for every municipality and reporting date D (year Y, month m), the TULOS
-- of the top unit(s) placed on D equals, read straight from the postings and budget
-- rows (non-investment accounts):
--   actual_ytd        the ledger amounts of year Y, months 1..m;
--   budget_amended    the budget rows of year Y approved by D;
--   tp_prior_year     the ledger amounts of year Y-1, months 1..12;
--   actual_prior_ytd  the ledger amounts of year Y-1, months 1..m.
-- Cost centres not valid on D count too, where int_org_units_on_reporting_dates places
-- them (closed: in the unit they belonged to on their last valid day; opening later:
-- under the parent of their first version), so a mid-year organisation change keeps
-- the identity, in the prior-year columns as well.
-- A failing row means money was dropped or doubled between the ledger and the review:
-- a cost centre unknown to the organisation file (or not under a top unit on D), an
-- account mapped to no line, or a join that multiplies rows.
-- Evidence: one row per municipality, reporting date and column; line_code TULOS,
-- org_unit_code null (all top units together), expected = the ledger (or budget) total,
-- actual = the published total.
with postings as (
    select * from {{ ref('stg_finance__gl_postings') }}
),

budget_entries as (
    select * from {{ ref('stg_finance__budget_entries') }}
),

accounts as (
    select * from {{ ref('int_accounts_mapped') }}
),

reporting_dates as (
    select * from {{ ref('int_reporting_dates') }}
),

units as (
    select * from {{ ref('int_org_units_on_reporting_dates') }}
),

income_statement as (
    select * from {{ ref('int_income_statement_from_ledger') }}
),

ledger_months as (
    select
        postings.municipality_code,
        postings.fiscal_year,
        postings.period_month,
        sum(postings.amount) as amount
    from postings
    left join accounts
        on postings.municipality_code = accounts.municipality_code
        and postings.account_code = accounts.account_code
    where not coalesce(accounts.is_investment, false)
    group by all
),

ledger_totals as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        sum(case
            when
                ledger_months.fiscal_year = reporting_dates.report_year
                and ledger_months.period_month <= reporting_dates.report_month
                then ledger_months.amount
            else 0
        end) as actual_ytd,
        sum(case
            when ledger_months.fiscal_year = reporting_dates.report_year - 1
                then ledger_months.amount
            else 0
        end) as tp_prior_year,
        sum(case
            when
                ledger_months.fiscal_year = reporting_dates.report_year - 1
                and ledger_months.period_month <= reporting_dates.report_month
                then ledger_months.amount
            else 0
        end) as actual_prior_ytd
    from reporting_dates
    inner join ledger_months
        on reporting_dates.municipality_code = ledger_months.municipality_code
        and ledger_months.fiscal_year
        between reporting_dates.report_year - 1 and reporting_dates.report_year
    group by all
),

budget_totals as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
        sum(budget_entries.amount) as budget_amended
    from reporting_dates
    inner join budget_entries
        on reporting_dates.municipality_code = budget_entries.municipality_code
        and reporting_dates.report_year = budget_entries.fiscal_year
        and reporting_dates.reporting_date >= budget_entries.approval_date
    left join accounts
        on budget_entries.municipality_code = accounts.municipality_code
        and budget_entries.account_code = accounts.account_code
    where not coalesce(accounts.is_investment, false)
    group by all
),

review_totals as (
    select
        income_statement.municipality_code,
        income_statement.reporting_date,
        {% for figure in figures -%}
        sum(income_statement.{{ figure }}) as {{ figure }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from income_statement
    inner join units
        on income_statement.municipality_code = units.municipality_code
        and income_statement.reporting_date = units.reporting_date
        and income_statement.org_unit_code = units.org_unit_code
    where
        units.parent_code is null
        and income_statement.line_code = 'TULOS'
    group by all
),

compared as (
    select
        reporting_dates.municipality_code,
        reporting_dates.reporting_date,
    {% for figure in figures -%}
    coalesce(
        {{ 'budget_totals' if figure == 'budget_amended' else 'ledger_totals' }}.{{ figure }}, 0
    ) as source_{{ figure }},
    coalesce(review_totals.{{ figure }}, 0) as review_{{ figure }}{% if not loop.last %},{% endif %}
    {% endfor %}
    from reporting_dates
    left join ledger_totals
        on reporting_dates.municipality_code = ledger_totals.municipality_code
        and reporting_dates.reporting_date = ledger_totals.reporting_date
    left join budget_totals
        on reporting_dates.municipality_code = budget_totals.municipality_code
        and reporting_dates.reporting_date = budget_totals.reporting_date
    left join review_totals
        on reporting_dates.municipality_code = review_totals.municipality_code
        and reporting_dates.reporting_date = review_totals.reporting_date
),

differences as (
    {% for figure in figures -%}
    select
        municipality_code,
        reporting_date,
        '{{ figure }}' as figure,
        {%- if figure == 'budget_amended' %}
        'hyväksytyissä talousarvioriveissä' as source_name,
        {%- else %}
        'kirjanpidossa' as source_name,
        {%- endif %}
        source_{{ figure }} as expected_amount,
        review_{{ figure }} as reported_amount
    from compared
    where review_{{ figure }} != source_{{ figure }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            line_code="'TULOS'",
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='expected_amount',
            actual='reported_amount',
            explanation="'Kunta ' || municipality_code || ' ' || strftime(reporting_date, '%-d.%-m.%Y')
                || ': Tilikauden tulos ' || " ~ figure_label('figure', 'reporting_date') ~ "
                || ' on katsauksessa ' || " ~ format_eur('reported_amount') ~ " || ' €, mutta '
                || source_name || ' ' || " ~ format_eur('expected_amount') ~ "
                || ' € (erotus ' || " ~ format_eur('reported_amount - expected_amount') ~ " || ' €)'"
        ) }}
    from differences
)

select * from final
