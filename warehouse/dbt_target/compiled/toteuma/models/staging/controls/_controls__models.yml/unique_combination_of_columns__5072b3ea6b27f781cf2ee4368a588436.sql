

with keyed as (
    select signoff_id, table_name, org_unit_code, line_code
    from "toteuma"."staging"."stg_controls__approved_figures"
),

duplicates as (
    select
        signoff_id, table_name, org_unit_code, line_code,
        count(*) as row_count
    from keyed
    group by all
    having count(*) > 1
)

select * from duplicates

