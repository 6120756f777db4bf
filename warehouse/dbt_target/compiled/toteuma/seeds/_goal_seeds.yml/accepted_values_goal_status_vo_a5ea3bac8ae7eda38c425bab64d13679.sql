
    
    

with all_values as (

    select
        status as value_field,
        count(*) as n_records

    from "toteuma"."seeds"."goal_status_vocabulary"
    group by status

)

select *
from all_values
where value_field not in (
    'Toteutuu','Toteutuu osittain','Ei toteudu','Ei tietoa'
)


