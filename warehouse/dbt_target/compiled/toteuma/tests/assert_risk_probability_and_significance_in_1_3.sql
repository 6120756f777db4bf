
-- A failing row is one score outside 1..3: risk_score (probability x significance) and
-- any ranking by it would be wrong. The reader already rejects such cells; this guards
-- raw rows that arrive by any other way.
with risks as (
    select * from "toteuma"."marts"."fct_risks"
),

scores as (
    select *, 'probability' as score_name, probability as score from risks
    union all
    select *, 'significance' as score_name, significance as score from risks
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(risk_text as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(case when score < 1 then 1 else 3 end as decimal(18, 2)) as expected,
    cast(score as decimal(18, 2)) as actual,
    cast(cast(score as decimal(18, 2)) - cast(case when score < 1 then 1 else 3 end as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(source_file as varchar) as source_file,
    cast(source_row as integer) as source_row,
    cast('Riskin ''' || risk_text || ''' (välilehti ''' || source_sheet
                || ''', rivi ' || source_row || ') '
                || case score_name when 'probability' then 'todennäköisyys' else 'merkittävyys' end
                || ' on ' || score || ', sallitut 1, 2 tai 3.' as varchar) as explanation
    from scores
    where score not between 1 and 3
)

select * from final