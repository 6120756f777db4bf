
    

    create  table
      "toteuma"."marts"."dim_account__dbt_tmp"
  
    
    as (
      with accounts as (
    select * from "toteuma"."intermediate"."int_accounts_mapped"
),

final as (
    select
        municipality_code,
        account_code,
        account_name,
        line_code,
        chart_line_code,
        range_line_code,
        is_investment,
        is_in_chart
    from accounts
)

select * from final
    );
    
  