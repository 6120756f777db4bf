

with keyed as (
    select reporting_date, municipality_code, org_unit_code, cost_centre_code
    from "toteuma"."marts"."bridge_org_unit_cost_centre"
),

duplicates as (
    select
        reporting_date, municipality_code, org_unit_code, cost_centre_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

