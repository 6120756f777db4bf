{#- The release columns every review row carries, from fct_release_status joined as
    `status`: preliminary until a controller signs off the unit's date (see
    `toteuma signoff`), then approved, with by whom and when. -#}
{% macro release_columns(status='status') -%}
    cast(coalesce({{ status }}.release_status, 'preliminary') as varchar) as release_status,
    cast({{ status }}.signed_by as varchar) as approved_by,
    cast({{ status }}.signed_at as timestamp) as approved_at
{%- endmacro %}


{#- Join the release status of a review row's unit and date. -#}
{% macro join_release_status(relation, status='status') -%}
    left join {{ ref('fct_release_status') }} as {{ status }}
        on {{ relation }}.municipality_code = {{ status }}.municipality_code
        and {{ relation }}.reporting_date = {{ status }}.reporting_date
        and {{ relation }}.org_unit_code = {{ status }}.org_unit_code
{%- endmacro %}
