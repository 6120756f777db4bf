

with keyed as (
    select municipality_code, reporting_date, org_unit_code
    from "toteuma"."marts"."fct_release_status"
),

duplicates as (
    select
        municipality_code, reporting_date, org_unit_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

