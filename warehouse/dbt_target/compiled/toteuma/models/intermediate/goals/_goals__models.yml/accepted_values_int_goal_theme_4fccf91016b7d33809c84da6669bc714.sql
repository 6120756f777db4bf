
    
    

with all_values as (

    select
        match_kind as value_field,
        count(*) as n_records

    from "toteuma"."intermediate"."int_goal_themes_matched"
    group by match_kind

)

select *
from all_values
where value_field not in (
    'theme','sub_theme','unmatched'
)


