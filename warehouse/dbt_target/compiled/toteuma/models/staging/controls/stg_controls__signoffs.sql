-- Only intact sign-offs count: a record whose figures file is missing or altered is
-- reported by the run (controls.signoff_is_intact) and treated as never made.
with source as (
    select * from "toteuma"."controls"."signoffs"
),

final as (
    select
        signoff_id,
        municipality_code,
        reporting_date,
        org_unit_code as scope_org_unit_code,
        signed_by,
        os_user,
        signed_at,
        comment,
        fingerprint
    from source
    where is_intact
)

select * from final