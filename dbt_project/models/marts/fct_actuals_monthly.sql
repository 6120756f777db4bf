-- The one read of the ledger: everything downstream works on these monthly sums.
with postings as (
    select * from {{ ref('stg_finance__gl_postings') }}
),

monthly as (
    select
        municipality_code,
        cost_centre_code,
        account_code,
        fiscal_year,
        period_month,
        last_day(make_date(fiscal_year, period_month, 1)) as period_end_date,
        cast(sum(amount) as decimal(18, 2)) as amount,
        cast(sum(debit) as decimal(18, 2)) as debit,
        cast(sum(credit) as decimal(18, 2)) as credit,
        count(*) as row_count
    from postings
    group by all
),

final as (
    select * from monthly
)

select * from final
