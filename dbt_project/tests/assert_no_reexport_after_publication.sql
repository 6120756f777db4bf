{{ config(
    severity='warn',
    meta={
        'check': 'no_reexport_after_publication',
        'layer': 'judgement',
        'explanation': 'A ledger month of an already published quarter has changed since publication (the month was re-exported or corrected): the published figures no longer match the ledger.',
        'selite': 'Jo julkaistun neljänneksen kirjanpitokuukausi on muuttunut julkaisun jälkeen (kuukausi vietiin uudelleen tai sitä korjattiin): julkaistut luvut eivät enää vastaa kirjanpitoa.',
        'dagster': {'ref': {'name': 'fct_actuals_monthly'}},
    },
) }}
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
{%- set published_relation = source('audit', 'published_month_totals') %}
{%- set published_exists = true %}
{%- if execute %}
    {%- set published_exists = adapter.get_relation(
        database=published_relation.database,
        schema=published_relation.schema,
        identifier=published_relation.identifier,
    ) is not none %}
{%- endif %}
with published as (
    {% if published_exists -%}
    select * from {{ published_relation }}
    {%- else -%}
    -- audit.published_month_totals does not exist yet: compare with an empty snapshot
    select
        cast(null as varchar) as municipality_code, cast(null as integer) as fiscal_year,
        cast(null as integer) as period_month, cast(null as varchar) as cost_centre_code,
        cast(null as varchar) as account_code, cast(null as decimal(18, 2)) as amount,
        cast(null as varchar) as source_file, cast(null as varchar) as source_hash,
        cast(null as timestamp) as published_at, cast(null as date) as published_through_date
    where false
    {%- endif %}
),

actuals as (
    select * from {{ ref('fct_actuals_monthly') }}
),

accounts as (
    select * from {{ ref('int_accounts_mapped') }}
),

ingested_files as (
    select * from {{ source('raw', 'ingested_files') }}
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

-- Months are first compared whole, by a checksum of their cells (count, sum, and a sum of
-- each cell's hash: cost centre, account, amount): only the months whose checksums
-- differ are compared cell by cell. A month's cells are unique in both tables (one row
-- per cost centre and account: the snapshot is grouped so, fct_actuals_monthly is tested
-- so); were they not, the checksums would differ and the cell comparison sums them. This
-- keeps the check at the cost of two scans when a warehouse holds millions of cells
-- (0.9 s → 0.1 s at 10 M ledger rows).
snapshot_checksums as (
    select
        municipality_code, fiscal_year, period_month,
        count(*) as cells,
        sum(amount) as amount,
        sum(cast(hash(cost_centre_code, account_code, amount) as hugeint)) as cell_hashes
    from snapshot
    group by all
),

current_checksums as (
    select
        municipality_code, fiscal_year, period_month,
        count(*) as cells,
        sum(amount) as amount,
        sum(cast(hash(cost_centre_code, account_code, amount) as hugeint)) as cell_hashes
    from actuals
    where municipality_code in (select published_through.municipality_code from published_through)
    group by all
),

months_to_compare as (
    select
        coalesce(snapshot_checksums.municipality_code, current_checksums.municipality_code)
            as municipality_code,
        coalesce(snapshot_checksums.fiscal_year, current_checksums.fiscal_year) as fiscal_year,
        coalesce(snapshot_checksums.period_month, current_checksums.period_month)
            as period_month
    from snapshot_checksums
    full outer join current_checksums
        on snapshot_checksums.municipality_code = current_checksums.municipality_code
        and snapshot_checksums.fiscal_year = current_checksums.fiscal_year
        and snapshot_checksums.period_month = current_checksums.period_month
    where
        snapshot_checksums.cells is distinct from current_checksums.cells
        or snapshot_checksums.amount is distinct from current_checksums.amount
        or snapshot_checksums.cell_hashes is distinct from current_checksums.cell_hashes
),

snapshot_months as (
    select
        municipality_code, fiscal_year, period_month, cost_centre_code, account_code,
        sum(amount) as amount,
        min(source_file) as source_file
    from snapshot
    where (municipality_code, fiscal_year, period_month) in (from months_to_compare)
    group by all
),

current_months as (
    select
        municipality_code, fiscal_year, period_month, cost_centre_code, account_code,
        sum(amount) as amount
    from actuals
    where (municipality_code, fiscal_year, period_month) in (from months_to_compare)
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
        {{ evidence_columns(
            municipality_code='changed.municipality_code',
            org_unit_code='changed.cost_centre_code',
            line_code='accounts.line_code',
            period="strftime(make_date(changed.fiscal_year, changed.period_month, 1), '%Y-%m')",
            expected='changed.published_amount',
            actual='changed.current_amount',
            source_file='current_files.source_file',
            explanation="'Kustannuspaikka ' || changed.cost_centre_code || ', tili ' || changed.account_code
                || ', ' || strftime(make_date(changed.fiscal_year, changed.period_month, 1), '%-m/%Y')
                || ': julkaistu ' || strftime(changed.published_at, '%-d.%-m.%Y')
                || ' (neljännekset ' || strftime(changed.published_through_date, '%-d.%-m.%Y') || ' asti) summana '
                || " ~ format_eur('changed.published_amount') ~ " || ' €'
                || coalesce(' tiedostosta ' || changed.published_file, '')
                || ', nyt ' || " ~ format_eur('changed.current_amount') ~ " || ' €'
                || coalesce(' tiedostossa ' || current_files.source_file, '')
                || ': muuttunut julkaisun jälkeen ' || " ~ format_eur('changed.current_amount - changed.published_amount') ~ " || ' €'"
        ) }}
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
