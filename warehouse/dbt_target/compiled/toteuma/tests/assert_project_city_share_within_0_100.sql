
-- A failing row is a share below 0 % or above 100 %: usually a percentage typed as a
-- number (25 for 0.25 in a %-formatted cell shows 2 500 %). expected is the bound broken.
with projects as (
    select * from "toteuma"."marts"."fct_projects"
),

final as (
    select
        cast(municipality_code as varchar) as municipality_code,
    cast(org_unit_code as varchar) as org_unit_code,
    cast(project_name as varchar) as line_code,
    cast(strftime(reporting_date, '%Y-%m-%d') as varchar) as period,
    cast(case when city_share_pct < 0 then 0 else 100 end as decimal(18, 2)) as expected,
    cast(city_share_pct as decimal(18, 2)) as actual,
    cast(cast(city_share_pct as decimal(18, 2)) - cast(case when city_share_pct < 0 then 0 else 100 end as decimal(18, 2))
        as decimal(18, 2)) as difference,
    cast(source_file as varchar) as source_file,
    cast(source_row as integer) as source_row,
    cast('Hankkeen ''' || project_name || ''' (välilehti ''' || source_sheet
                || ''', rivi ' || source_row || ') kaupungin osuus on '
                || coalesce(replace(format('{:.2f}', cast(city_share_pct as double)), '.', ',') || ' %', 'none') || ', ei välillä 0–100 %.' as varchar) as explanation
    from projects
    where city_share_pct < 0 or city_share_pct > 100
)

select * from final