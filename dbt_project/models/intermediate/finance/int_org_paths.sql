{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
-- Walks up the parent links of the organisation placed on each reporting date D
-- (int_org_units_on_reporting_dates: the units valid on D, and the units not valid on D
-- that carry figures on D, each in the version its placement_rule chose). Every unit is
-- a start, not only cost centres, so a posting on a higher unit's code still rolls up;
-- the depth limit stops a cyclic hierarchy (the bridge's uniqueness test then fails).
with recursive units_on_dates as (
    select * from {{ ref('int_org_units_on_reporting_dates') }}
    where {{ in_ledger_scope() }}
),

paths as (
    select
        reporting_date,
        municipality_code,
        org_unit_code as cost_centre_code,
        org_unit_code as ancestor_code,
        placement_rule as cost_centre_placement_rule,
        parent_code as next_parent_code,
        0 as depth
    from units_on_dates

    union all

    select
        paths.reporting_date,
        paths.municipality_code,
        paths.cost_centre_code,
        parents.org_unit_code as ancestor_code,
        paths.cost_centre_placement_rule,
        parents.parent_code as next_parent_code,
        paths.depth + 1 as depth
    from paths
    inner join units_on_dates as parents
        on paths.municipality_code = parents.municipality_code
        and paths.reporting_date = parents.reporting_date
        and paths.next_parent_code = parents.org_unit_code
    where paths.depth < 20
),

final as (
    select
        reporting_date,
        municipality_code,
        cost_centre_code,
        ancestor_code,
        depth,
        cost_centre_placement_rule
    from paths
)

select * from final
