

with keyed as (
    select municipality_code, org_unit_code, reporting_date, section_seq
    from "toteuma"."staging"."stg_controls__explanations"
),

duplicates as (
    select
        municipality_code, org_unit_code, reporting_date, section_seq,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

