

with failing as (
    select *
    from "toteuma"."staging"."stg_finance__gl_postings"
    where not coalesce((period_month between 1 and 12 and debit >= 0 and credit >= 0 and amount = credit - debit and cost_centre_code is not null and account_code is not null), false)
)

select * from failing

