
    
    

with all_values as (

    select
        line_kind as value_field,
        count(*) as n_records

    from "toteuma"."seeds"."report_lines"
    group by line_kind

)

select *
from all_values
where value_field not in (
    'revenue','cost','mixed','subtotal'
)


