
    
    

with all_values as (

    select
        org_level as value_field,
        count(*) as n_records

    from "toteuma"."review"."income_statement"
    group by org_level

)

select *
from all_values
where value_field not in (
    'KUNTA','TOIMIALA','LAUTAKUNTA','PALVELUALUE','VASTUUALUE'
)


