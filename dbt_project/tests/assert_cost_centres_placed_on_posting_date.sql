{{ config(
    severity='error',
    meta={
        'check': 'cost_centres_placed_on_posting_date',
        'layer': 'built',
        'explanation': 'A ledger posting names a cost centre that is not a valid unit of the organisation on its posting date: an unknown cost centre\'s money is left out of the review; a closed one\'s is shown in the unit it belonged to on its last valid day, and one not yet open under the parent it opens under, which may not be where it belongs.',
        'selite': 'Kirjauksen kustannuspaikka ei ole organisaation voimassa oleva yksikkö kirjauspäivänä: tuntemattoman kustannuspaikan rahat jäävät pois, suljetun tai vasta avautuvan rahat näkyvät yksikössä, johon se viimeksi tai ensimmäiseksi kuului.',
        'dagster': {'ref': {'name': 'stg_finance__gl_postings'}},
    },
) }}
-- Rule: every ledger posting's cost centre is a unit of the organisation history
-- (raw.org_units, any level) whose validity range contains the posting date. The
-- postings that break it are int_gl_postings_unplaced (built month by month).
-- A failing row is a posting on a cost centre unknown to the organisation file, closed
-- before the posting date or opened after it (or a posting without a date): fix the
-- cost centre in the ledger or the validity in the organisation file. Until then the
-- review places a known cost centre's money by the rule of
-- int_org_units_on_reporting_dates (closed: the unit it belonged to on its last valid
-- day; not yet open: the parent of its first version), so the totals still add up.
-- Evidence: one row per ledger row; org_unit_code = the cost centre, line_code = the
-- line of its account, period = the posting date, actual = the amount, source_file /
-- source_row = the ledger file row (the description column is never read).
-- depends_on: {{ ref('stg_finance__gl_postings') }} (the check belongs to the ledger's model)
with unplaced as (
    select * from {{ ref('int_gl_postings_unplaced') }}
),

org_units as (
    select * from {{ ref('stg_finance__org_units') }}
),

accounts as (
    select * from {{ ref('int_accounts_mapped') }}
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

final as (
    select
        {{ evidence_columns(
            municipality_code='unplaced.municipality_code',
            org_unit_code='unplaced.cost_centre_code',
            line_code='accounts.line_code',
            period="strftime(unplaced.posting_date, '%Y-%m-%d')",
            actual='unplaced.amount',
            source_file='unplaced.source_file',
            source_row='unplaced.source_row',
            explanation="'Kirjaus ' || " ~ format_eur('unplaced.amount') ~ " || ' € tilille '
                || unplaced.account_code || ' päivältä ' || coalesce(strftime(unplaced.posting_date, '%-d.%-m.%Y'), '(ei päivää)')
                || ' kohdistuu kustannuspaikalle ' || coalesce(unplaced.cost_centre_code, '(ei mitään)')
                || case
                    when unit_validity.validity is null then ', jota ei ole organisaatiotiedostossa'
                    else ', joka on voimassa vain ' || unit_validity.validity
                end"
        ) }}
    from unplaced
    left join unit_validity
        on unplaced.municipality_code = unit_validity.municipality_code
        and unplaced.cost_centre_code = unit_validity.org_unit_code
    left join accounts
        on unplaced.municipality_code = accounts.municipality_code
        and unplaced.account_code = accounts.account_code
)

select * from final
