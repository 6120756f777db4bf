
    
    

select
    risk_key as unique_field,
    count(*) as n_records

from "toteuma"."marts"."fct_risks"
where risk_key is not null
group by risk_key
having count(*) > 1


