with risks as (
    select * from "toteuma"."marts"."fct_risks"
),

final as (
    select
        risks.municipality_code,
        risks.org_unit_code,
        risks.reporting_date,
        risks.risk_class,
        risks.risk_text,
        risks.probability,
        risks.significance,
        risks.risk_score,
        risks.control_measure,
        risks.control_status_text,
        risks.source_file,
        risks.source_row,
        cast(coalesce(status.release_status, 'preliminary') as varchar) as release_status,
    cast(status.signed_by as varchar) as approved_by,
    cast(status.signed_at as timestamp) as approved_at
    from risks
    left join "toteuma"."marts"."fct_release_status" as status
        on risks.municipality_code = status.municipality_code
        and risks.reporting_date = status.reporting_date
        and risks.org_unit_code = status.org_unit_code
)

select * from final