{{ scoped_by('municipality') }}
-- Scoped by municipality (macros/ledger_scope.sql): a build after a ledger re-export
-- rebuilds only the municipalities in int_ledger_scope.
with org_paths as (
    select * from {{ ref('int_org_paths') }}
    where {{ in_ledger_scope() }}
),

final as (
    select
        reporting_date,
        municipality_code,
        ancestor_code as org_unit_code,
        cost_centre_code,
        depth,
        cost_centre_placement_rule
    from org_paths
)

select * from final
