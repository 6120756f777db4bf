

with failing as (
    select *
    from "toteuma"."staging"."stg_finance__accounts"
    where not coalesce((regexp_full_match(account_code, '[0-9]{4}')), false)
)

select * from failing

