with risks as (
    select * from {{ ref('fct_risks') }}
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
        {{ release_columns() }}
    from risks
    {{ join_release_status('risks') }}
)

select * from final
