
-- Rule: every ledger posting's cost centre is a unit of the organisation history
-- (raw.org_units, any level) whose validity range contains the posting date.
-- A failing row is a posting on a cost centre unknown to the organisation file, closed
-- before the posting date or opened after it (or a posting without a date): fix the
-- cost centre in the ledger or the validity in the organisation file. Until then the
-- review places a known cost centre's money by the rule of
-- int_org_units_on_reporting_dates (closed: the unit it belonged to on its last valid
-- day; not yet open: the parent of its first version), so the totals still add up.
-- Evidence: one row per ledger row; org_unit_code = the cost centre, line_code = the
-- line of its account, period = the posting date, actual = the amount, source_file /
-- source_row = the ledger file row (the description column is never read).
with postings as (
    select * from "toteuma"."staging"."stg_finance__gl_postings"
),

org_units as (
    select * from "toteuma"."staging"."stg_finance__org_units"
),

accounts as (
    select * from "toteuma"."intermediate"."int_accounts_mapped"
),

unit_validity as (
    select
        municipality_code,
        org_unit_code,
        string_agg(
            strftime(valid_from_date, '%Y-%m-%d') || '..'
            || case
                when valid_to_date = date '9999-12-31' then ''
                else strftime(valid_to_date, '%Y-%m-%d')
            end,
            ', ' order by valid_from_date
        ) as validity
    from org_units
    group by all
),

unplaced as (
    select postings.*
    from postings
    where not exists (
        select 1
        from org_units
        where
            org_units.municipality_code = postings.municipality_code
            and org_units.org_unit_code = postings.cost_centre_code
            and postings.posting_date between org_units.valid_from_date and org_units.valid_to_date
    )
),

final as (
    select
        cast(unplaced.municipality_code as varchar) as municipality_code,
    cast(unplaced.cost_centre_code as varchar) as org_unit_code,
    cast(accounts.line_code as varchar) as line_code,
    cast(strftime(unplaced.posting_date, '%Y-%m-%d') as varchar) as period,
    cast(null as decimal(18, 2)) as expected,
    cast(unplaced.amount as decimal(18, 2)) as actual,
    cast(cast(unplaced.amount as decimal(18, 2)) - cast(null as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(unplaced.source_file as varchar) as source_file,
    cast(unplaced.source_row as integer) as source_row,
    cast('Kirjaus ' || coalesce(
        case when (unplaced.amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(unplaced.amount)) as hugeint)), ',', ' ')
        || case
            when abs(unplaced.amount) != trunc(abs(unplaced.amount))
                then ',' || lpad(cast(cast(abs(unplaced.amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' € tilille '
                || unplaced.account_code || ' päivältä ' || coalesce(strftime(unplaced.posting_date, '%-d.%-m.%Y'), '(ei päivää)')
                || ' kohdistuu kustannuspaikalle ' || coalesce(unplaced.cost_centre_code, '(ei mitään)')
                || case
                    when unit_validity.validity is null then ', jota ei ole organisaatiotiedostossa'
                    else ', joka on voimassa vain ' || unit_validity.validity
                end as varchar) as explanation
    from unplaced
    left join unit_validity
        on unplaced.municipality_code = unit_validity.municipality_code
        and unplaced.cost_centre_code = unit_validity.org_unit_code
    left join accounts
        on unplaced.municipality_code = accounts.municipality_code
        and unplaced.account_code = accounts.account_code
)

select * from final