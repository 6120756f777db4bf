

with keyed as (
    select municipality_code, reporting_date, org_unit_code, section_seq
    from "toteuma"."review"."explanations"
),

duplicates as (
    select
        municipality_code, reporting_date, org_unit_code, section_seq,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

