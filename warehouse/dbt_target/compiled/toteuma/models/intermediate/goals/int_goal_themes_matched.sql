-- A theme cell holds the theme on its first line and the sub-themes below it; the first
-- line's wording drifts between years, so it is normalised (case, spaces, bullets, end
-- punctuation) and matched to the seed: theme names first, then sub-theme names (a cell
-- that names only a sub-theme). A match counts only when it points to one theme.
with goals as (
    select theme_text from "toteuma"."staging"."stg_goals__goals"
),

projects as (
    select theme_text from "toteuma"."staging"."stg_goals__projects"
),

indicator_values as (
    select theme_text from "toteuma"."staging"."stg_goals__indicator_values"
),

strategic_themes as (
    select * from "toteuma"."seeds"."strategic_themes"
),

theme_texts as (
    select distinct theme_text
    from (
        select theme_text from goals
        union all
        select theme_text from projects
        union all
        select theme_text from indicator_values
    ) as all_texts
    where theme_text is not null
),

first_lines as (
    select
        theme_text,
        trim(split_part(theme_text, chr(10), 1)) as theme_first_line,
        rtrim(trim(regexp_replace(
            regexp_replace(lower(split_part(theme_text, chr(10), 1)), '^[\s•·*▪\-–—]+', ''),
            '\s+', ' ', 'g'
        )), '.:;,') as theme_key
    from theme_texts
),

candidates as (
    select distinct theme_code, lower(theme_name) as match_key, 1 as match_priority
    from strategic_themes
    union all
    select theme_code, lower(sub_theme_name) as match_key, 2 as match_priority
    from strategic_themes
),

matches as (
    select
        first_lines.theme_text,
        candidates.theme_code,
        candidates.match_priority,
        min(candidates.match_priority) over (partition by first_lines.theme_text) as best_priority
    from first_lines
    inner join candidates
        on contains(first_lines.theme_key, candidates.match_key)
        or (
            length(first_lines.theme_key) >= 8
            and starts_with(candidates.match_key, first_lines.theme_key)
        )
),

unambiguous as (
    select
        theme_text,
        any_value(theme_code) as theme_code,
        any_value(match_priority) as match_priority
    from matches
    where match_priority = best_priority
    group by theme_text
    having count(distinct theme_code) = 1
),

themes as (
    select distinct theme_code, theme_name from strategic_themes
),

final as (
    select
        first_lines.theme_text,
        first_lines.theme_first_line,
        unambiguous.theme_code,
        themes.theme_name,
        case unambiguous.match_priority
            when 1 then 'theme'
            when 2 then 'sub_theme'
            else 'unmatched'
        end as match_kind
    from first_lines
    left join unambiguous on first_lines.theme_text = unambiguous.theme_text
    left join themes on unambiguous.theme_code = themes.theme_code
)

select * from final