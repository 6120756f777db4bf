
-- Rule: in the reports of the official reporting dates (31.3., 30.6., 30.9., 31.12.;
-- seed official_reporting_dates), no revenue line (line_kind revenue) is negative and no
-- cost line (line_kind cost) positive, in TOT (actual_ytd) or TP Y-1 (tp_prior_year).
-- The sign is judged on the figure as printed, in whole euros: a few cents of rounding
-- (-0,10 prints as 0) are not flagged.
-- Mixed lines (RAHOITUS, SATUNNAISET) and subtotals are not checked. Units: every level
-- of review.income_statement (cost centres are not in it).
-- Against flooding:
--   * one row per unit, line and year of the figure: a year's figure is shown as TOT in
--     that year's reports and as TP Y-1 in the next year's; it is judged where it was
--     shown last (the latest official report showing it: usually next year's last
--     report, as TP Y-1), and reported there if wrong-signed there;
--   * only the lowest unit where the sign is wrong: a unit is left out when one of its
--     child units shows the same wrong sign on the same line, column and date (a
--     negative cost-centre line would otherwise be repeated at every level above it).
-- Heinola: Elinkeinopalvelut (320) TUET TP 2023 = -132 480, reported at 2024-12-31 as
-- tp_prior_year.
-- Evidence: period = the reporting date, actual = the wrong-signed figure, expected 0, so
-- difference = the figure: its size is weighed against the materiality threshold (a few
-- cents printed as -1 are reported as info, not warn).
with income_statement as (
    select * from "toteuma"."intermediate"."int_income_statement_from_ledger"
),

official_dates as (
    select * from "toteuma"."seeds"."official_reporting_dates"
),

units as (
    select * from "toteuma"."intermediate"."int_org_units_on_reporting_dates"
),

official_rows as (
    select income_statement.*
    from income_statement
    inner join official_dates
        on month(income_statement.reporting_date) = official_dates.month
        and day(income_statement.reporting_date) = official_dates.day
    where income_statement.line_kind in ('revenue', 'cost')
),

figures as (
    select
        municipality_code, reporting_date, org_unit_code, org_unit_name, line_code,
        line_name, line_kind, 'actual_ytd' as figure, year(reporting_date) as figure_year,
        actual_ytd as amount
    from official_rows
    union all
    select
        municipality_code, reporting_date, org_unit_code, org_unit_name, line_code,
        line_name, line_kind, 'tp_prior_year', year(reporting_date) - 1, tp_prior_year
    from official_rows
),

wrong_signed as (
    select *
    from figures
    where
        (line_kind = 'revenue' and round(amount, 0) < 0)
        or (line_kind = 'cost' and round(amount, 0) > 0)
),

last_shown as (
    select *
    from figures
    qualify row_number() over (
        partition by municipality_code, org_unit_code, line_code, figure_year
        order by reporting_date desc
    ) = 1
),

lowest as (
    select wrong_signed.*
    from wrong_signed
    inner join last_shown
        on wrong_signed.municipality_code = last_shown.municipality_code
        and wrong_signed.org_unit_code = last_shown.org_unit_code
        and wrong_signed.line_code = last_shown.line_code
        and wrong_signed.reporting_date = last_shown.reporting_date
        and wrong_signed.figure = last_shown.figure
    where not exists (
        select 1
        from wrong_signed as child_rows
        inner join units as child_units
            on child_rows.municipality_code = child_units.municipality_code
            and child_rows.reporting_date = child_units.reporting_date
            and child_rows.org_unit_code = child_units.org_unit_code
        where
            child_units.parent_code = wrong_signed.org_unit_code
            and child_rows.municipality_code = wrong_signed.municipality_code
            and child_rows.reporting_date = wrong_signed.reporting_date
            and child_rows.line_code = wrong_signed.line_code
            and child_rows.figure = wrong_signed.figure
    )
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(line_code as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(0 as decimal(18, 2)) as expected,
    cast(amount as decimal(18, 2)) as actual,
    cast(cast(amount as decimal(18, 2)) - cast(0 as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Yksikkö ' || org_unit_code || coalesce(' ' || org_unit_name, '') || ', katsaus '
                || strftime(reporting_date, '%-d.%-m.%Y') || ': '
                || case when line_kind = 'revenue' then 'tuottorivi ' else 'kulurivi ' end
                || line_name || ' (' || line_code || ') on '
                || case when line_kind = 'revenue' then 'negatiivinen' else 'positiivinen' end
                || ' sarakkeessa ' || case figure
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
    end || ': '
                || coalesce(
        case when (amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(amount)) as hugeint)), ',', ' ')
        || case
            when abs(amount) != trunc(abs(amount))
                then ',' || lpad(cast(cast(abs(amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €'
                || case
                    when line_kind = 'revenue' then ' (palautettu tai oikaistu tuotto?)'
                    else ' (hyvitys tai oikaisu suurempi kuin kulut?)'
                end as varchar) as explanation
    from lowest
)

select * from final