"""Masking of Finnish personal identity codes (henkilötunnus) in free text, in SQL.

The mask runs inside the DuckDB query that types the rows, so a code never reaches a
stored table and a 200 000-row month needs no Python per row.
"""

import re

from warehouse.sql import literal

MASK = "[hetu poistettu]"
CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"

# ddmmyy, century sign, individual number, check character. Case-insensitive on purpose:
# a code typed in lower case is still a person's code.
_PATTERN = r"(?i)[0-9]{6}[-+A-FU-Y][0-9]{3}[0-9A-Y]"


def _is_valid_code_sql(code: str) -> str:
    """SQL predicate: a real day and month and the right check character (a look-alike fails)."""
    number = f"cast(substr({code}, 1, 6) || substr({code}, 8, 3) as bigint)"
    return (
        f"cast(substr({code}, 1, 2) as integer) between 1 and 31"
        f" and cast(substr({code}, 3, 2) as integer) between 1 and 12"
        f" and upper(substr({code}, 11, 1)) = substr({literal(CHECK_CHARS)}, {number} % 31 + 1, 1)"
    )


def mask_hetu_sql(text: str) -> str:
    """SQL expression: `text` with every valid identity code replaced by MASK."""
    pattern = literal(_PATTERN)
    is_valid = _is_valid_code_sql("code")
    valid_codes = f"list_filter(regexp_extract_all({text}, {pattern}), lambda code: {is_valid})"
    masked = (
        f"list_reduce({valid_codes}, lambda acc, code: replace(acc, code, {literal(MASK)}), {text})"
    )
    # Most descriptions hold no candidate at all: skip the list work for them.
    return f"case when regexp_matches({text}, {pattern}) then {masked} else {text} end"


_CODE = re.compile(_PATTERN[4:], re.IGNORECASE)


def _is_valid_code(code: str) -> bool:
    """The same test as `_is_valid_code_sql`: real day and month, right check character."""
    day, month = int(code[0:2]), int(code[2:4])
    number = int(code[0:6] + code[7:10])
    return 1 <= day <= 31 and 1 <= month <= 12 and code[10].upper() == CHECK_CHARS[number % 31]


def mask_hetu(text: str | None) -> str | None:
    """`text` with every valid identity code replaced by MASK, for text read in Python.

    The same rule as `mask_hetu_sql` (workbook cells, and any input value quoted in a
    message: a code in the wrong column of a CSV line is still a person's code).
    """
    if not text:
        return text
    return _CODE.sub(lambda match: MASK if _is_valid_code(match[0]) else match[0], text)
