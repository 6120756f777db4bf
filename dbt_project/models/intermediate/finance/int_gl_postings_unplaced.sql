{{ scoped_by('month') }}
-- The ledger postings whose cost centre is not a unit of the organisation history
-- (raw.org_units, any level) valid on the posting date: unknown, closed before it, opened
-- after it, or a posting without a date. One row per ledger row; the check
-- cost_centres_placed_on_posting_date lists them with the unit's validity.
-- Scoped by month (macros/ledger_scope.sql): a row depends on its own posting and the
-- organisation only, so a build after a ledger re-export reads the changed months alone
-- (a whole-ledger scan was the dearest part of such a build: 2.1 s at 10 M rows).
with postings as (
    select * from {{ ref('stg_finance__gl_postings') }}
    where {{ in_ledger_scope(grain='month') }}
),

org_units as (
    select * from {{ ref('stg_finance__org_units') }}
),

final as (
    select
        postings.municipality_code,
        postings.fiscal_year,
        postings.period_month,
        postings.posting_date,
        postings.cost_centre_code,
        postings.account_code,
        postings.amount,
        postings.source_file,
        postings.source_row
    from postings
    where not exists (
        select 1
        from org_units
        where
            org_units.municipality_code = postings.municipality_code
            and org_units.org_unit_code = postings.cost_centre_code
            and postings.posting_date between org_units.valid_from_date and org_units.valid_to_date
    )
)

select * from final
