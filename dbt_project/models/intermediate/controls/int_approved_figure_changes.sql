{% set figures = review_figures() -%}
-- Every cell of an approved unit and date whose figure the ledger now gives otherwise:
-- the published review keeps the approved figure until a new sign-off. Compared per
-- review table (income_statement, investments; binding_budget repeats income_statement
-- lines), unit, line (or item) and column. A row only in the approved figures or only
-- in the ledger is a change of every column that is not null on its side.
with in_force as (
    select * from {{ ref('int_signoffs_in_force') }}
),

approved as (
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd,
        budget_amended - actual_ytd as remaining, realization_pct, forecast
    from {{ ref('int_approved_figures_in_force') }}
),

ledger as (
    select
        'income_statement' as table_name, municipality_code, reporting_date, org_unit_code,
        line_code, {{ figure_list(figures=review_figures()) }}
    from {{ ref('int_income_statement_from_ledger') }}
    union all
    select
        'investments', municipality_code, reporting_date, org_unit_code, item_code,
        tp_prior_year, actual_prior_ytd, budget_amended, actual_ytd, remaining,
        realization_pct, null
    from {{ ref('int_investments_from_ledger') }}
),

ledger_in_force as (
    select ledger.*, in_force.signoff_id
    from ledger
    inner join in_force
        on ledger.municipality_code = in_force.municipality_code
        and ledger.reporting_date = in_force.reporting_date
        and ledger.org_unit_code = in_force.org_unit_code
),

paired as (
    select
        coalesce(approved.signoff_id, ledger_in_force.signoff_id) as signoff_id,
        coalesce(approved.table_name, ledger_in_force.table_name) as table_name,
        coalesce(approved.municipality_code, ledger_in_force.municipality_code)
            as municipality_code,
        coalesce(approved.reporting_date, ledger_in_force.reporting_date) as reporting_date,
        coalesce(approved.org_unit_code, ledger_in_force.org_unit_code) as org_unit_code,
        coalesce(approved.line_code, ledger_in_force.line_code) as line_code,
        {% for figure in figures -%}
        approved.{{ figure }} as approved_{{ figure }},
        ledger_in_force.{{ figure }} as current_{{ figure }}{% if not loop.last %},{% endif %}
        {% endfor %}
    from approved
    full outer join ledger_in_force
        on approved.signoff_id = ledger_in_force.signoff_id
        and approved.table_name = ledger_in_force.table_name
        and approved.municipality_code = ledger_in_force.municipality_code
        and approved.reporting_date = ledger_in_force.reporting_date
        and approved.org_unit_code = ledger_in_force.org_unit_code
        and approved.line_code = ledger_in_force.line_code
),

cells as (
    {% for figure in figures -%}
    select
        signoff_id, table_name, municipality_code, reporting_date, org_unit_code, line_code,
        '{{ figure }}' as figure,
        cast(approved_{{ figure }} as decimal(18, 2)) as approved_amount,
        cast(current_{{ figure }} as decimal(18, 2)) as current_amount
    from paired
    where approved_{{ figure }} is distinct from current_{{ figure }}
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

final as (
    select
        cells.*,
        in_force.scope_org_unit_code,
        in_force.signed_by,
        in_force.signed_at
    from cells
    inner join in_force
        on cells.municipality_code = in_force.municipality_code
        and cells.reporting_date = in_force.reporting_date
        and cells.org_unit_code = in_force.org_unit_code
)

select * from final
