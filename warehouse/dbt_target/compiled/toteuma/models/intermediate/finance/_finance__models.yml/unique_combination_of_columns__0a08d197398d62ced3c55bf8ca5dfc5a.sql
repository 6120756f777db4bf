

with keyed as (
    select municipality_code, reporting_date, cost_centre_code, ancestor_code
    from "toteuma"."intermediate"."int_org_paths"
),

duplicates as (
    select
        municipality_code, reporting_date, cost_centre_code, ancestor_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

