

with child_keys as (
    select distinct municipality_code, account_code
    from "toteuma"."marts"."fct_budget_entries"
    where municipality_code is not null and account_code is not null
),

parent_keys as (
    select distinct
        municipality_code as municipality_code,
        account_code as account_code
        
    from "toteuma"."marts"."dim_account"
),

orphans as (
    select * from child_keys
    except
    select * from parent_keys
)

select * from orphans

