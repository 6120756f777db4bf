
-- A failing row is a project that has spent more than its total funding, e.g. Heinolan
-- harrastekerhot at 228 % in 1-3/2025. Legal (extra funding, a typo), but the board must
-- not read it unexplained.
with projects as (
    select * from "toteuma"."marts"."fct_projects"
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(project_name as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(100 as decimal(18, 2)) as expected,
    cast(expense_realization_pct as decimal(18, 2)) as actual,
    cast(cast(expense_realization_pct as decimal(18, 2)) - cast(100 as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(source_file as varchar) as source_file,
    cast(source_row as integer) as source_row,
    cast('Hanke ''' || project_name || ''' (välilehti ''' || source_sheet
                || ''', rivi ' || source_row || ') on käyttänyt '
                || coalesce(replace(format('{:.2f}', cast(expense_realization_pct as double)), '.', ',') || ' %', 'none') || ' rahoituksestaan '
                || coalesce(
        case when (total_funding) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(total_funding)) as hugeint)), ',', ' ')
        || case
            when abs(total_funding) != trunc(abs(total_funding))
                then ',' || lpad(cast(cast(abs(total_funding) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €.' as varchar) as explanation
    from projects
    where expense_realization_pct > 100
)

select * from final