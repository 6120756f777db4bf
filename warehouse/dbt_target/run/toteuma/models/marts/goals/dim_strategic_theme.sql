
    

    create  table
      "toteuma"."marts"."dim_strategic_theme__dbt_tmp"
  
    
    as (
      with strategic_themes as (
    select * from "toteuma"."seeds"."strategic_themes"
),

final as (
    select
        theme_code,
        theme_name,
        theme_order,
        string_agg(sub_theme_name, '; ' order by sub_theme_order) as sub_themes,
        count(*) as sub_theme_count
    from strategic_themes
    group by theme_code, theme_name, theme_order
)

select * from final
    );
    
  