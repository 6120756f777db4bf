"""Ledger rows of one municipality and year, drawn set-based in DuckDB, one file a month.

Every draw is a hash of (seed, municipality, year, month, row, purpose), so a folder is
the same bytes for the same arguments, whatever the thread count. Per row:
- voucher: four consecutive rows share a voucher number and a posting date in the month;
- cost centre: skewed towards low indices (a few busy cost centres, many quiet ones);
  city-level accounts (taxes, state grants, financial items) go to the central one;
- account: from 1000 weighted slots (`chart.ACCOUNTS`);
- amount: log-uniform-ish cents, 3 € … ~20 000 € (scaled per account), some whole euros;
  posted on the account's usual side, 3 % on the other (corrections);
- Selite: templates per line; a few quoted texts with ';' and '"', identity codes with a
  valid check character (masked by ingest) and a look-alike with a wrong one.
`gl_year` holds the rows (amounts in cents) until the year's files and budget are written.
"""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import duckdb

from demo.landing_writer import FileStyle
from demo.scale import chart, sql_text
from demo.scale.organisation import CENTRAL_COST_CENTRE, Organisation

GL_COLUMNS = [
    "Kunta", "Tilikausi", "Kausi", "Tositepvm", "Tositenro", "Kustannuspaikka", "Tili",
    "Projekti", "Selite", "Debet", "Kredit",
]  # fmt: skip
TEXTS = {
    "MYYNTI": ["Myyntilasku {n}", "Palvelumyynti kunnille {m}/{y}", "Lipunmyynti – viikko {w}"],
    "MAKSU": ["Asiakasmaksut {m}/{y}", "Päivähoitomaksut {m}/{y}", "Osallistumismaksut {n}"],
    "TUET": ["Valtionavustus {m}/{y}", "Hankeavustus, maksatus {w}"],
    "VUOKRA_T": ["Maanvuokrat {m}/{y}", "Huoneistovuokra {n}"],
    "MUUT_T": ["Sisäinen korvaus {m}/{y}", "Muu tuotto {n}"],
    "VALMISTUS": ["Oma työ investointiin {m}/{y}"],
    "HENKILOSTO": ["Palkat {m}/{y}", "Palkkiot {m}/{y}", "Sivukulut {m}/{y}"],
    "PALVELUT": ["Ostolasku {n}", "Asiantuntijapalvelu {n}", "Siivouspalvelu {m}/{y}"],
    "AINEET": ["Tarvikkeet {n}", "Sähkö {m}/{y}", "Toimistotarvikkeet, {n} €"],
    "AVUSTUKSET": ["Avustus yhdistykselle {n}", "Kohdeavustus {n}"],
    "VUOKRA_K": ["Tilavuokra {m}/{y}"],
    "MUUT_K": ["Jäsenmaksu {n}", "Muu kulu {n}"],
    "VEROTULOT": ["Verotilitys {m}/{y}"],
    "VALTIONOSUUDET": ["Valtionosuus {m}/{y}"],
    "RAHOITUS": ["Korot {m}/{y}"],
    "POISTOT": ["Poistot {m}/{y}"],
    "SATUNNAISET": ["Satunnainen erä {n}"],
    "INVESTMENT": ["Tontin kauppa {n}", "Kalustohankinta {n}", "Rakennusurakka, maksuerä {w}"],
}
# One row in 200: texts that must be quoted in a CSV file.
QUOTED_TEXTS = ["Pääsymaksut; kassa {w}", 'Ostolasku "kehys" {n}', "Kahvio; kuitti {n} – 12 €"]
PERSONS = ["Virtanen Matti", "Korhonen Aino", "Mäkinen Jussi", "Nieminen Sanna"]
LOOK_ALIKE = "Tilaus 131052-308X (ei henkilötunnus)"
TEXT_SLOTS = 60  # divisible by the length of every text list
HETU_EVERY = 2503  # rows between identity codes in Selite (row 17, 2520, …; 9: a look-alike)
_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def identity_codes(seed: int, count: int = 20) -> list[str]:
    """Finnish personal identity codes with a valid check character (none is real)."""
    rng = random.Random(f"hetu:{seed}")
    codes = []
    for _ in range(count):
        born = dt.date(1930, 1, 1) + dt.timedelta(days=rng.randrange(365 * 90))
        serial = rng.randrange(900, 1000)  # 900–999: the range for test identity codes
        digits = f"{born:%d%m%y}{serial:03d}"
        sign = "-" if born.year < 2000 else "A"
        codes.append(f"{digits[:6]}{sign}{digits[6:]}{_CHECK[int(digits) % 31]}")
    return codes


def prepare(con: duckdb.DuckDBPyConnection, seed: int, years: list[int]) -> None:
    """Tables every municipality shares: the chart, account slots, texts, identity codes."""
    sql_text.install(con)
    _templates(con, years)
    con.execute(
        "create or replace temp table chart as select * from (values "
        + ", ".join(
            f"('{a.code}', '{a.line}', '{a.side}', {a.central}, {a.scale}, {a.is_investment})"
            for a in chart.ACCOUNTS
        )
        + ") t(account, line, side, central, scale, investment)"
    )
    slots = ", ".join(f"({slot}, '{code}')" for slot, code in chart.slot_rows())
    con.execute(
        f"create or replace temp table slots as select * from (values {slots}) t(slot, account)"
    )
    refunds = [
        f"Palautus {code} {PERSONS[i % len(PERSONS)]}"
        for i, code in enumerate(identity_codes(seed))
    ]
    con.execute(f"create or replace temp table specials as select {_list(refunds)} as refunds")


def _list(texts: list[str]) -> str:
    return "[" + ", ".join(_literal(t) for t in texts) + "]"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def split_template(template: str, month: int, year: int) -> tuple[str, str, str]:
    """(prefix, kind, suffix): {m} and {y} filled in; kind 'n', 'w' or '' is what the
    row fills in between (a number, a week); one of them at most per template."""
    text = template.replace("{m}", str(month)).replace("{y}", str(year))
    for kind in ("n", "w"):
        prefix, found, suffix = text.partition("{" + kind + "}")
        if found:
            return prefix, kind, suffix
    return text, "", ""


def _templates(con: duckdb.DuckDBPyConnection, years: list[int]) -> None:
    """Temp table templates (year, line, month, slot, prefix, kind, suffix).

    Each line's texts are spread over TEXT_SLOTS slots (every list has a length dividing
    it), so a row finds its text with one equality join on a drawn slot.
    """
    groups = {**TEXTS, "QUOTED": QUOTED_TEXTS}
    rows = [
        f"({year}, '{line}', {month}, {idx}, {len(texts)}, "
        + ", ".join(map(_literal, split_template(text, month, year)))
        + ")"
        for year in years
        for line, texts in groups.items()
        for month in range(1, 13)
        for idx, text in enumerate(texts)
    ]
    con.execute(
        "create or replace temp table templates as"
        " select texts.* exclude (idx, n), slots.range::int as slot from (values "
        + ", ".join(rows)
        + ") texts(year, line, month, idx, n, prefix, kind, suffix)"
        f" join range({TEXT_SLOTS}) slots on slots.range % texts.n = texts.idx"
    )


def build_year(
    con: duckdb.DuckDBPyConnection,
    org: Organisation,
    year: int,
    rows_by_month: dict[int, int],
    seed: int,
) -> None:
    """(Re)create temp table gl_year: the year's rows, amounts as BIGINT cents."""
    centres = [CENTRAL_COST_CENTRE] + sorted(
        u.code for u in org.cost_centres_in(year) if u.code != CENTRAL_COST_CENTRE
    )
    con.execute(
        "create or replace temp table centres as select * from (values "
        + ", ".join(f"({i}, '{code}')" for i, code in enumerate(centres))
        + ") t(idx, code)"
    )
    numbered = " union all ".join(
        f"select {m} as month, range as i from range({n})" for m, n in sorted(rows_by_month.items())
    )
    key = f"{seed}, {int(org.municipality)}, {year}"
    kunta = org.municipality
    con.execute(
        f"""
        create or replace temp table gl_year as
        with hashed as (
            select month, i, hash({key}, month, i) as h1, hash({key}, month, i // 4, 7) as hv
            from ({numbered})
        ),
        drawn as (
            select month, i, hv, (h1 % {chart.SLOTS})::int as slot,
                floor({len(centres)} * pow(unit(h1 // 1000), 2))::int as centre,
                h1 // 1000000000000 % 100 as flip,
                unit(hash(h1)) as u_amount,
                hash(h1) // 1000003 as h_text
            from hashed
        ),
        shaped as (
            select drawn.*, chart.*,
                make_date({year}, month,
                    (1 + hv % day(last_day(make_date({year}, month, 1))))::bigint
                ) as posting_date,
                greatest(300, floor(100 * pow(10, 0.5 + 3.8 * pow(u_amount, 1.7))))::bigint
                    * chart.scale as raw_cents,
                case when chart.central then '{CENTRAL_COST_CENTRE}' else centres.code end
                    as centre_code,
                case when h_text % 200 = 7 then 'QUOTED' else chart.line end as text_group
            from drawn
            join slots using (slot)
            join chart using (account)
            join centres on centres.idx = drawn.centre
        ),
        texted as (
            select shaped.*, templates.prefix, templates.kind, templates.suffix,
                case when h_text % 5 = 0 then raw_cents // 100 * 100 else raw_cents end as cents
            from shaped
            join templates
                on templates.year = {year} and templates.line = shaped.text_group
                and templates.month = shaped.month
                and templates.slot = (h_text // 3 % {TEXT_SLOTS})::int
        )
        select month, i, posting_date,
            '{year % 100:02d}' || lpad(month::varchar, 2, '0') || lpad((i // 4)::varchar, 6, '0')
                as voucher,
            centre_code, account,
            case
                when investment then 'P{kunta}' || lpad((h_text % 40)::varchar, 3, '0')
                when h_text % 50 = 3 then 'H{kunta}' || lpad((h_text % 12)::varchar, 2, '0')
            end as project,
            case
                when i % {HETU_EVERY} = 17
                    then specials.refunds[1 + (h_text % len(specials.refunds))::int]
                when i % {HETU_EVERY} = 9 then '{LOOK_ALIKE}'
                else prefix || case kind
                    when 'n' then (10000 + h_text // 7 % 90000)::varchar
                    when 'w' then (1 + h_text // 11 % 52)::varchar
                    else '' end || suffix
            end as selite,
            case when (side = 'D') = (flip >= 3) then cents else 0 end as debit,
            case when (side = 'D') = (flip >= 3) then 0 else cents end as credit
        from texted
        cross join specials
        """
    )


def write_month(
    con: duckdb.DuckDBPyConnection,
    target: Path,
    municipality: str,
    year: int,
    month: int,
    style: FileStyle,
) -> int:
    """COPY one month of gl_year to `target` (UTF-8, no BOM); returns its rows."""
    names = sql_text.header(GL_COLUMNS, style)
    sep = style.thousands.replace("'", "''")
    values = [
        f"'{municipality}'", f"'{year}'", "month::varchar",
        f"strftime(posting_date, '{sql_text.date_format(style)}')", "voucher", "centre_code",
        "account", "project", "selite",
        f"cents_text(debit, '{sep}')", f"cents_text(credit, '{sep}')",
    ]  # fmt: skip
    select = ", ".join(f"{value} as {name}" for value, name in zip(values, names, strict=True))
    con.execute(
        f"copy (select {select} from gl_year where month = {month} order by i)"
        f" to '{target}' {sql_text.copy_options(style)}"
    )
    return con.execute(f"select count(*) from gl_year where month = {month}").fetchone()[0]
