
-- Rule: the monthly ledger sums per cost centre and account (fct_actuals_monthly) of every
-- month already published equal the latest publication's snapshot
-- (audit.published_month_totals, the newest published_at per municipality). A month
-- counts as published when its quarter ends on or before the snapshot's
-- published_through_date. Months of later quarters may change freely.
-- A failing row is a cost centre and account whose published month now sums to another
-- amount (a row only in the snapshot now sums to 0; a new one was 0 at publication).
-- No snapshot (first run, or the table not created yet): nothing to compare, passes.
-- Evidence: one row per municipality, month, cost centre and account that changed;
-- org_unit_code = the cost centre, line_code = the account's line, period = 'YYYY-MM',
-- expected = the published amount, actual = the current amount, source_file = the
-- month's gl file now (the explanation names the published one too).
with published as (
    select * from "toteuma"."audit"."published_month_totals"
),

actuals as (
    select * from "toteuma"."marts"."fct_actuals_monthly"
),

accounts as (
    select * from "toteuma"."intermediate"."int_accounts_mapped"
),

ingested_files as (
    select * from "toteuma"."raw"."ingested_files"
),

latest_publication as (
    select
        municipality_code,
        max(published_at) as published_at
    from published
    group by municipality_code
),

snapshot as (
    select published.*
    from published
    inner join latest_publication
        on published.municipality_code = latest_publication.municipality_code
        and published.published_at = latest_publication.published_at
),

published_through as (
    select
        municipality_code,
        max(published_at) as published_at,
        max(published_through_date) as published_through_date
    from snapshot
    group by municipality_code
),

snapshot_months as (
    select
        municipality_code, fiscal_year, period_month, cost_centre_code, account_code,
        sum(amount) as amount,
        min(source_file) as source_file
    from snapshot
    group by all
),

current_months as (
    select
        municipality_code, fiscal_year, period_month, cost_centre_code, account_code,
        sum(amount) as amount
    from actuals
    where municipality_code in (select published_through.municipality_code from published_through)
    group by all
),

compared as (
    select
        coalesce(snapshot_months.municipality_code, current_months.municipality_code)
            as municipality_code,
        coalesce(snapshot_months.fiscal_year, current_months.fiscal_year) as fiscal_year,
        coalesce(snapshot_months.period_month, current_months.period_month) as period_month,
        coalesce(snapshot_months.cost_centre_code, current_months.cost_centre_code)
            as cost_centre_code,
        coalesce(snapshot_months.account_code, current_months.account_code) as account_code,
        coalesce(snapshot_months.amount, 0) as published_amount,
        coalesce(current_months.amount, 0) as current_amount,
        snapshot_months.source_file as published_file
    from snapshot_months
    full outer join current_months
        on snapshot_months.municipality_code = current_months.municipality_code
        and snapshot_months.fiscal_year = current_months.fiscal_year
        and snapshot_months.period_month = current_months.period_month
        and snapshot_months.cost_centre_code = current_months.cost_centre_code
        and snapshot_months.account_code = current_months.account_code
),

changed as (
    select
        compared.*,
        published_through.published_at,
        published_through.published_through_date
    from compared
    inner join published_through
        on compared.municipality_code = published_through.municipality_code
    -- the month's quarter end
    where
        last_day(make_date(compared.fiscal_year, ((compared.period_month - 1) // 3 + 1) * 3, 1))
        <= published_through.published_through_date
        and compared.published_amount != compared.current_amount
),

current_files as (
    select
        trim(municipality_code) as municipality_code,
        fiscal_year,
        period_month,
        max(source_file) as source_file
    from ingested_files
    where source_kind = 'gl_postings'
    group by all
),

final as (
    select
        cast(changed.municipality_code as varchar) as municipality_code,
    cast(changed.cost_centre_code as varchar) as org_unit_code,
    cast(accounts.line_code as varchar) as line_code,
    cast(strftime(make_date(changed.fiscal_year, changed.period_month, 1), '%Y-%m') as varchar) as period,
    cast(changed.published_amount as decimal(18, 2)) as expected,
    cast(changed.current_amount as decimal(18, 2)) as actual,
    cast(cast(changed.current_amount as decimal(18, 2)) - cast(changed.published_amount as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(current_files.source_file as varchar) as source_file,
    cast(null as integer) as source_row,
    cast('Kustannuspaikka ' || changed.cost_centre_code || ', tili ' || changed.account_code
                || ', ' || strftime(make_date(changed.fiscal_year, changed.period_month, 1), '%-m/%Y')
                || ': julkaistu ' || strftime(changed.published_at, '%-d.%-m.%Y')
                || ' (neljännekset ' || strftime(changed.published_through_date, '%-d.%-m.%Y') || ' asti) summana '
                || coalesce(
        case when (changed.published_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(changed.published_amount)) as hugeint)), ',', ' ')
        || case
            when abs(changed.published_amount) != trunc(abs(changed.published_amount))
                then ',' || lpad(cast(cast(abs(changed.published_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €'
                || coalesce(' tiedostosta ' || changed.published_file, '')
                || ', nyt ' || coalesce(
        case when (changed.current_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(changed.current_amount)) as hugeint)), ',', ' ')
        || case
            when abs(changed.current_amount) != trunc(abs(changed.current_amount))
                then ',' || lpad(cast(cast(abs(changed.current_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €'
                || coalesce(' tiedostossa ' || current_files.source_file, '')
                || ': muuttunut julkaisun jälkeen ' || coalesce(
        case when (changed.current_amount - changed.published_amount) < 0 then '-' else '' end
        || replace(format('{:,}', cast(trunc(abs(changed.current_amount - changed.published_amount)) as hugeint)), ',', ' ')
        || case
            when abs(changed.current_amount - changed.published_amount) != trunc(abs(changed.current_amount - changed.published_amount))
                then ',' || lpad(cast(cast(abs(changed.current_amount - changed.published_amount) * 100 as hugeint) % 100 as varchar), 2, '0')
            else ''
        end,
        'none'
    ) || ' €' as varchar) as explanation
    from changed
    left join accounts
        on changed.municipality_code = accounts.municipality_code
        and changed.account_code = accounts.account_code
    left join current_files
        on changed.municipality_code = current_files.municipality_code
        and changed.fiscal_year = current_files.fiscal_year
        and changed.period_month = current_files.period_month
)

select * from final