

with failing as (
    select *
    from "toteuma"."staging"."stg_finance__org_units"
    where not coalesce((valid_from_date <= valid_to_date), false)
)

select * from failing

