
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
    select * from "toteuma"."staging"."stg_finance__gl_postings"
),

budget_entries as (
    select * from "toteuma"."staging"."stg_finance__budget_entries"
),

accounts as (
    select * from "toteuma"."intermediate"."int_accounts_mapped"
),

reporting_dates as (
    select * from "toteuma"."intermediate"."int_reporting_dates"
),

units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

income_statement as (
    select * from "toteuma"."intermediate"."int_income_statement_from_ledger"
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
        sum(income_statement.tp_prior_year) as tp_prior_year,
        sum(income_statement.actual_prior_ytd) as actual_prior_ytd,
        sum(income_statement.budget_amended) as budget_amended,
        sum(income_statement.actual_ytd) as actual_ytd
        
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
    coalesce(
        ledger_totals.tp_prior_year, 0
    ) as source_tp_prior_year,
    coalesce(review_totals.tp_prior_year, 0) as review_tp_prior_year,
    coalesce(
        ledger_totals.actual_prior_ytd, 0
    ) as source_actual_prior_ytd,
    coalesce(review_totals.actual_prior_ytd, 0) as review_actual_prior_ytd,
    coalesce(
        budget_totals.budget_amended, 0
    ) as source_budget_amended,
    coalesce(review_totals.budget_amended, 0) as review_budget_amended,
    coalesce(
        ledger_totals.actual_ytd, 0
    ) as source_actual_ytd,
    coalesce(review_totals.actual_ytd, 0) as review_actual_ytd
    
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
    select
        municipality_code,
        reporting_date,
        'tp_prior_year' as figure,
        'kirjanpidossa' as source_name,
        source_tp_prior_year as expected_amount,
        review_tp_prior_year as reported_amount
    from compared
    where review_tp_prior_year != source_tp_prior_year
    union all
    select
        municipality_code,
        reporting_date,
        'actual_prior_ytd' as figure,
        'kirjanpidossa' as source_name,
        source_actual_prior_ytd as expected_amount,
        review_actual_prior_ytd as reported_amount
    from compared
    where review_actual_prior_ytd != source_actual_prior_ytd
    union all
    select
        municipality_code,
        reporting_date,
        'budget_amended' as figure,
        'hyväksytyissä talousarvioriveissä' as source_name,
        source_budget_amended as expected_amount,
        review_budget_amended as reported_amount
    from compared
    where review_budget_amended != source_budget_amended
    union all
    select
        municipality_code,
        reporting_date,
        'actual_ytd' as figure,
        'kirjanpidossa' as source_name,
        source_actual_ytd as expected_amount,
        review_actual_ytd as reported_amount
    from compared
    where review_actual_ytd != source_actual_ytd
    
    
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(null as varchar) as org_unit_code,
    cast('TULOS' as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(expected_amount as decimal(18, 2)) as expected,
    cast(reported_amount as decimal(18, 2)) as actual,
    cast(cast(reported_amount as decimal(18, 2)) - cast(expected_amount as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Kunta ' || municipality_code || ' ' || strftime(reporting_date, '%-d.%-m.%Y')
                || ': Tilikauden tulos ' || case figure
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
                || ' on katsauksessa ' || coalesce(
        case when (reported_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(reported_amount)) as hugeint)), ',', ' ')
        || case
            when abs(reported_amount) != trunc(abs(reported_amount))
                then ',' || lpad(cast(cast(abs(reported_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €, mutta '
                || source_name || ' ' || coalesce(
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
    from differences
)

select * from final