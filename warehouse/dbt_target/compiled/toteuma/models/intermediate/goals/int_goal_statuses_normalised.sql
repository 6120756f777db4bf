-- Each status as written (Tila) mapped to one of the four canonical words: first by the
-- seed vocabulary (ignoring case, spaces and end punctuation), then by similarity (at most
-- two edits from a vocabulary spelling) only when all such spellings mean one status.
-- An empty Tila is read as 'Ei tietoa'; anything else stays unknown (status null).
with goals as (
    select * from "toteuma"."staging"."stg_goals__goals"
),

vocabulary as (
    select
        status,
        rtrim(trim(regexp_replace(lower(status_text), '\s+', ' ', 'g')), '.!') as status_key
    from "toteuma"."seeds"."goal_status_vocabulary"
),

statuses as (
    select distinct
        status_original,
        rtrim(trim(regexp_replace(lower(status_original), '\s+', ' ', 'g')), '.!') as status_key
    from goals
),

exact_matches as (
    select
        statuses.status_original,
        any_value(vocabulary.status) as status
    from statuses
    inner join vocabulary on statuses.status_key = vocabulary.status_key
    group by statuses.status_original
),

similar_matches as (
    select
        statuses.status_original,
        any_value(vocabulary.status) as status
    from statuses
    inner join vocabulary
        on length(statuses.status_key) >= 4
        and levenshtein(statuses.status_key, vocabulary.status_key) <= 2
    group by statuses.status_original
    having count(distinct vocabulary.status) = 1
),

final as (
    select
        statuses.status_original,
        case
            when statuses.status_original is null then 'Ei tietoa'
            else coalesce(exact_matches.status, similar_matches.status)
        end as status,
        case
            when statuses.status_original is null then 'empty'
            when exact_matches.status = statuses.status_original then 'exact'
            when exact_matches.status is not null then 'vocabulary'
            when similar_matches.status is not null then 'similarity'
            else 'unknown'
        end as status_match_kind
    from statuses
    left join exact_matches
        on statuses.status_original = exact_matches.status_original
    left join similar_matches
        on statuses.status_original = similar_matches.status_original
)

select
    final.*,
    (final.status is distinct from final.status_original) as is_status_normalised
from final