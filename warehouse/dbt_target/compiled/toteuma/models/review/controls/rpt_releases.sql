-- Each unit's release history on each reporting date as controllers and the board read
-- it: fct_release_history (a first row 'preliminary', then one per sign-off covering
-- the unit; is_current_status marks the one in force).
with history as (
    select * from "toteuma"."marts"."fct_release_history"
),

final as (
    select * from history
)

select * from final