with risks as (
    select * from {{ ref('fct_risks') }}
),

final as (
    select
        municipality_code,
        org_unit_code,
        reporting_date,
        risk_class,
        risk_text,
        probability,
        significance,
        risk_score,
        control_measure,
        control_status_text,
        source_file,
        source_row
    from risks
)

select * from final
