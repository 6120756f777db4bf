
    

    create  table
      "toteuma"."marts"."dim_report_line__dbt_tmp"
  
    
    as (
      with report_lines as (
    select * from "toteuma"."seeds"."report_lines"
),

components as (
    select * from "toteuma"."seeds"."report_line_components"
),

formulas as (
    select
        components.subtotal_code as line_code,
        max(components.formula_level) as formula_level,
        string_agg(components.component_code, ' + ' order by component_lines.line_order) as formula
    from components
    inner join report_lines as component_lines
        on components.component_code = component_lines.line_code
    group by components.subtotal_code
),

final as (
    select
        report_lines.line_code,
        report_lines.line_name,
        report_lines.line_order,
        report_lines.line_kind,
        report_lines.is_subtotal,
        formulas.formula_level,
        formulas.formula
    from report_lines
    left join formulas
        on report_lines.line_code = formulas.line_code
)

select * from final
    );
    
  