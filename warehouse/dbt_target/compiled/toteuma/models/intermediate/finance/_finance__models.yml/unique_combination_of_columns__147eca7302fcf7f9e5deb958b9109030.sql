

with keyed as (
    select municipality_code, reporting_date, org_unit_code, line_code
    from "toteuma"."intermediate"."int_income_statement_from_ledger"
),

duplicates as (
    select
        municipality_code, reporting_date, org_unit_code, line_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

