-- The investments as the board reads them: fct_investments with the release status of each
-- unit and date (preliminary, or approved by whom and when).
with figures as (
    select * from {{ ref('fct_investments') }}
),

final as (
    select
        figures.*,
        {{ release_columns() }}
    from figures
    {{ join_release_status('figures') }}
)

select * from final
