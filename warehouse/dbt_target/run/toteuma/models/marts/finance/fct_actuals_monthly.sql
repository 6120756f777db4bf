
    

    create  table
      "toteuma"."marts"."fct_actuals_monthly"
  
    
    as (
      
-- The ledger's monthly sums as analysts read them: int_actuals_monthly, copied month by
-- month. Incremental as it is: only the months whose ledger file changed are copied
-- again (their old rows deleted first), so a re-exported month costs that month.
with monthly as (
    select * from "toteuma"."intermediate"."int_actuals_monthly"
    
),

final as (
    select * from monthly
)

select * from final
    );
    
  
  