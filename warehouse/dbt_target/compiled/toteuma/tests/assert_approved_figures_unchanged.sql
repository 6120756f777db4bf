
-- Rule: every cell of the review tables (income_statement, investments) of a unit and
-- date under a sign-off equals what the ledger gives now (int_approved_figure_changes).
-- A failing row is one changed cell: expected = the approved figure, actual = the
-- ledger's figure now, difference = actual - expected. The published review keeps the
-- approved figure; the new one is published after a new `toteuma signoff`.
-- Extra columns: figure (the review column), table_name.
with changes as (
    select * from "toteuma"."intermediate"."int_approved_figure_changes"
),

units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

report_lines as (
    select * from "toteuma"."seeds"."report_lines"
),

final as (
    select
        cast(changes.municipality_code as varchar) as municipality_code,
    cast(changes.org_unit_code as varchar) as org_unit_code,
    cast(case when changes.table_name = 'investments' then 'INVESTOINNIT_' || changes.line_code else changes.line_code end as varchar) as line_code,
    cast(strftime(changes.reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(changes.approved_amount as decimal(18, 2)) as expected,
    cast(changes.current_amount as decimal(18, 2)) as actual,
    cast(cast(changes.current_amount as decimal(18, 2)) - cast(changes.approved_amount as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Yksikkö ' || changes.org_unit_code || coalesce(' ' || units.org_unit_name, '')
                || ', ' || strftime(changes.reporting_date, '%-d.%-m.%Y') || ', '
                || coalesce(report_lines.line_name || ' (' || changes.line_code || ')', 'investoinnit ' || changes.line_code)
                || ', ' || case changes.figure
        when 'tp_prior_year' then 'TP ' || (year(changes.reporting_date) - 1) || ' (tp_prior_year)'
        when 'actual_prior_ytd' then
            'TOT ' || (year(changes.reporting_date) - 1) || ' 1-' || month(changes.reporting_date)
            || ' kk (actual_prior_ytd)'
        when 'budget_amended' then 'TA ' || year(changes.reporting_date) || ' + muutos (budget_amended)'
        when 'actual_ytd' then
            'TOT ' || year(changes.reporting_date) || ' 1-' || month(changes.reporting_date) || ' kk (actual_ytd)'
        when 'remaining' then 'Jäljellä (remaining)'
        when 'realization_pct' then 'TOT-% (realization_pct)'
        else changes.figure
    end
                || ': hyväksytty ' || coalesce(
        case when (changes.approved_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(changes.approved_amount)) as hugeint)), ',', ' ')
        || case
            when abs(changes.approved_amount) != trunc(abs(changes.approved_amount))
                then ',' || lpad(cast(cast(abs(changes.approved_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ', kirjanpidon mukaan nyt ' || coalesce(
        case when (changes.current_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(changes.current_amount)) as hugeint)), ',', ' ')
        || case
            when abs(changes.current_amount) != trunc(abs(changes.current_amount))
                then ',' || lpad(cast(cast(abs(changes.current_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' (erotus ' || coalesce(
        case when (changes.current_amount - changes.approved_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(changes.current_amount - changes.approved_amount)) as hugeint)), ',', ' ')
        || case
            when abs(changes.current_amount - changes.approved_amount) != trunc(abs(changes.current_amount - changes.approved_amount))
                then ',' || lpad(cast(cast(abs(changes.current_amount - changes.approved_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || '). Katsauksessa pysyy ' || changes.signed_by || ' ' || strftime(changes.signed_at, '%-d.%-m.%Y')
                || ' hyväksymä luku, kunnes yksikkö hyväksytään uudelleen.' as varchar) as explanation,
        changes.figure,
        changes.table_name
    from changes
    left join units
        on changes.municipality_code = units.municipality_code
        and changes.reporting_date = units.reporting_date
        and changes.org_unit_code = units.org_unit_code
    left join report_lines
        on changes.table_name = 'income_statement'
        and changes.line_code = report_lines.line_code
)

select * from final