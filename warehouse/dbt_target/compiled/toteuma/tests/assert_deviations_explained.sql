
-- Rule: every line int_budget_deviations finds (official reporting dates; more than
-- TOTEUMA_DEVIATION_PCT % and more than TOTEUMA_DEVIATION_EUR € beyond TA + muutos x
-- months / 12) is explained by a '## <line>' section in the explanation file of its unit
-- or of a unit above it: controls/explanations/<kunta>/<unit>/<date>.md.
-- A failing row is one unexplained line: expected = the pro-rata budget, actual = TOT,
-- difference = the deviation. `toteuma signoff` refuses while the unit has one.
with deviations as (
    select * from "toteuma"."intermediate"."int_budget_deviations"
    where explained_in is null
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(line_code as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(pro_rata_budget as decimal(18, 2)) as expected,
    cast(actual_ytd as decimal(18, 2)) as actual,
    cast(cast(actual_ytd as decimal(18, 2)) - cast(pro_rata_budget as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(null as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Yksikkö ' || org_unit_code || coalesce(' ' || org_unit_name, '') || ', '
                || strftime(reporting_date, '%-d.%-m.%Y') || ': ' || line_name || ' (' || line_code || ') toteutui '
                || coalesce(
        case when (actual_ytd) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(actual_ytd)) as hugeint)), ',', ' ')
        || case
            when abs(actual_ytd) != trunc(abs(actual_ytd))
                then ',' || lpad(cast(cast(abs(actual_ytd) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €, kun talousarvion (' || coalesce(
        case when (budget_amended) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(budget_amended)) as hugeint)), ',', ' ')
        || case
            when abs(budget_amended) != trunc(abs(budget_amended))
                then ',' || lpad(cast(cast(abs(budget_amended) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' €) osuus ' || month(reporting_date) || ' kuukaudelta on ' || coalesce(
        case when (pro_rata_budget) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(pro_rata_budget)) as hugeint)), ',', ' ')
        || case
            when abs(pro_rata_budget) != trunc(abs(pro_rata_budget))
                then ',' || lpad(cast(cast(abs(pro_rata_budget) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' € (poikkeama ' || coalesce(
        case when (deviation) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(deviation)) as hugeint)), ',', ' ')
        || case
            when abs(deviation) != trunc(abs(deviation))
                then ',' || lpad(cast(cast(abs(deviation) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    )
                || ' €, sallittu enintään ' || coalesce(
        case when (tolerance_eur) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(tolerance_eur)) as hugeint)), ',', ' ')
        || case
            when abs(tolerance_eur) != trunc(abs(tolerance_eur))
                then ',' || lpad(cast(cast(abs(tolerance_eur) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' € tai ' || coalesce(replace(format('{:.2f}', cast(tolerance_pct as double)), '.', ',') || ' %', 'none')
                || '). Selitys puuttuu: kirjoita se otsikon ## ' || line_name || ' alle tiedostoon explanations/'
                || municipality_code || '/' || org_unit_code || '/' || strftime(reporting_date, '%Y-%m-%d') || '.md.' as varchar) as explanation
    from deviations
)

select * from final