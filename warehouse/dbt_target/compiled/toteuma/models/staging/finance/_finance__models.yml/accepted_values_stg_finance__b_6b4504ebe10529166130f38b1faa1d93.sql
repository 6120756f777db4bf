
    
    

with all_values as (

    select
        entry_kind as value_field,
        count(*) as n_records

    from "toteuma"."staging"."stg_finance__budget_entries"
    group by entry_kind

)

select *
from all_values
where value_field not in (
    'TA','MUUTOS'
)


