-- The investments as the board reads them: fct_investments with the release status of each
-- unit and date (preliminary, or approved by whom and when).
with figures as (
    select * from "toteuma"."marts"."fct_investments"
),

final as (
    select
        figures.*,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from figures
    left join "toteuma"."marts"."fct_release_status" as status
        on figures.municipality_code = status.municipality_code
        and figures.reporting_date = status.reporting_date
        and figures.org_unit_code = status.org_unit_code
)

select * from final