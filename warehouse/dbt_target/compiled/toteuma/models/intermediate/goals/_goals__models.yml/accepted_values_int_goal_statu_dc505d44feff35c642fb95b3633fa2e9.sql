
    
    

with all_values as (

    select
        status as value_field,
        count(*) as n_records

    from "toteuma"."intermediate"."int_goal_statuses_normalised"
    group by status

)

select *
from all_values
where value_field not in (
    'Toteutuu','Toteutuu osittain','Ei toteudu','Ei tietoa'
)


