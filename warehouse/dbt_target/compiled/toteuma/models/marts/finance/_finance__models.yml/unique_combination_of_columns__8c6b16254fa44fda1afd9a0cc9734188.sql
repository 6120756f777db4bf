

with keyed as (
    select municipality_code, account_code
    from "toteuma"."marts"."dim_account"
),

duplicates as (
    select
        municipality_code, account_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

