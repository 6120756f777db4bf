
    
    

with all_values as (

    select
        line_kind as value_field,
        count(*) as n_records

    from "toteuma"."marts"."dim_report_line"
    group by line_kind

)

select *
from all_values
where value_field not in (
    'revenue','cost','mixed','subtotal'
)


