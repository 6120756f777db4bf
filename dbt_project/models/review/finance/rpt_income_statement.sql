-- The income statement as the board reads it: fct_income_statement with the release status of each
-- unit and date (preliminary, or approved by whom and when).
with figures as (
    select * from {{ ref('fct_income_statement') }}
),

final as (
    select
        figures.*,
        {{ release_columns() }}
    from figures
    {{ join_release_status('figures') }}
)

select * from final
