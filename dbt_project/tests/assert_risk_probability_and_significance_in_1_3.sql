{{ config(
    severity='error',
    meta={
        'dagster': {'ref': {'name': 'fct_risks'}},
        'check': 'risk_probability_and_significance_in_1_3',
        'layer': 'incoming',
        'explanation': 'Risk probability (Todennäköisyys) and significance (Merkittävyys) are on a 1-3 scale.',
        'selite': 'Riskin todennäköisyyden ja merkittävyyden on oltava 1, 2 tai 3.'
    }
) }}
-- A failing row is one score outside 1..3: risk_score (probability x significance) and
-- any ranking by it would be wrong. The reader already rejects such cells; this guards
-- raw rows that arrive by any other way.
with risks as (
    select * from {{ ref('fct_risks') }}
),

scores as (
    select *, 'probability' as score_name, probability as score from risks
    union all
    select *, 'significance' as score_name, significance as score from risks
),

final as (
    select
        {{ evidence_columns(
            municipality_code='municipality_code',
            org_unit_code='org_unit_code',
            line_code='risk_text',
            period="strftime(reporting_date, '%Y-%m-%d')",
            expected='case when score < 1 then 1 else 3 end',
            actual='score',
            source_file='source_file',
            source_row='source_row',
            explanation="'Riskin ''' || risk_text || ''' (välilehti ''' || source_sheet
                || ''', rivi ' || source_row || ') '
                || case score_name when 'probability' then 'todennäköisyys' else 'merkittävyys' end
                || ' on ' || score || ', sallitut 1, 2 tai 3.'"
        ) }}
    from scores
    where score not between 1 and 3
)

select * from final
