"""Create a small raw schema for developing the dbt project.

Usage: python scripts/make_dev_raw.py /tmp/dbtdev/candidate.duckdb

Replaces the raw.* tables in the given DuckDB file with hand-checkable data:
municipality 111 with a reorganisation on 1.1.2025 (unit VA1 and cost centre KP200 move
under the new service area PA1), 2023 and 2024 in full and 2025 months 1-3, rents (3400, 4800),
an investment account (1100), an account mapped explicitly (3990), a budget amendment
after the reporting date and a forecast whose subtotal disagrees with its lines;
municipality 398 with one cost centre and two months.
"""

import sys
from pathlib import Path

import duckdb

RAW_SQL = """
create schema if not exists raw;

create or replace table raw.org_units as
select *, 'org_' || municipality_code || '.csv' as source_file, 'dev' as source_hash,
       cast(row_number() over () + 1 as integer) as source_row
from (values
    ('111', 'K111',  'Heinolan kaupunki',   'KUNTA',           null,   date '2000-01-01', null),
    ('111', 'TA1',   'Sivistystoimiala',    'TOIMIALA',        'K111', date '2000-01-01', date '2024-12-31'),
    ('111', 'TA2',   'Tekninen toimiala',   'TOIMIALA',        'K111', date '2000-01-01', null),
    ('111', 'PA1',   'Hyvinvointipalvelut', 'PALVELUALUE',     'K111', date '2025-01-01', null),
    ('111', 'VA1',   'Kirjasto',            'VASTUUALUE',      'TA1',  date '2000-01-01', date '2024-12-31'),
    ('111', 'VA1',   'Kirjasto',            'VASTUUALUE',      'PA1',  date '2025-01-01', null),
    ('111', 'KP100', 'Kirjasto yleinen',    'KUSTANNUSPAIKKA', 'VA1',  date '2000-01-01', null),
    ('111', 'KP200', 'Nuorisotyö',          'KUSTANNUSPAIKKA', 'TA1',  date '2000-01-01', date '2024-12-31'),
    ('111', 'KP200', 'Nuorisotyö',          'KUSTANNUSPAIKKA', 'PA1',  date '2025-01-01', null),
    ('111', 'KP300', 'Keskushallinto',      'KUSTANNUSPAIKKA', 'K111', date '2000-01-01', null),
    ('111', 'KP400', 'Kadut',               'KUSTANNUSPAIKKA', 'TA2',  date '2000-01-01', null),
    ('398', 'K398',  'Lahden kaupunki',     'KUNTA',           null,   date '2000-01-01', null),
    ('398', 'KP1',   'Hallinto',            'KUSTANNUSPAIKKA', 'K398', date '2000-01-01', null)
) as org(municipality_code, unit_code, unit_name, level_name, parent_code, valid_from, valid_to);

create or replace table raw.accounts as
select *, 'accounts_' || municipality_code || '.csv' as source_file, 'dev' as source_hash,
       cast(row_number() over () + 1 as integer) as source_row
from (values
    ('111', '1100', 'Maa- ja vesialueet', null),
    ('111', '3000', 'Myyntituotot', null),
    ('111', '3200', 'Maksutuotot', null),
    ('111', '3400', 'Vuokratuotot', null),
    ('111', '3700', 'Valmistus omaan käyttöön', null),
    ('111', '3990', 'Muut tuotot (erikseen)', 'MUUT_T'),
    ('111', '4000', 'Palkat', null),
    ('111', '4300', 'Palvelujen ostot', null),
    ('111', '4800', 'Vuokrakulut', null),
    ('111', '5000', 'Kunnallisvero', null),
    ('111', '5500', 'Valtionosuudet', null),
    ('111', '6000', 'Korkotuotot', null),
    ('111', '7000', 'Suunnitelman mukaiset poistot', null),
    ('398', '3000', 'Myyntituotot', null),
    ('398', '4000', 'Palkat', null)
) as acc(municipality_code, account_code, account_name, line_code);

-- one template month, repeated for every month (so YTD = month x template amount)
create or replace temp table gl_template as
select * from (values
    ('111', 'KP100', '3000', null,   0.00,     1000.10),
    ('111', 'KP100', '4000', null,   5000.00,  0.00),
    ('111', 'KP100', '3400', null,   0.00,     200.00),
    ('111', 'KP100', '4800', null,   300.00,   0.00),
    ('111', 'KP200', '3200', null,   0.00,     500.00),
    ('111', 'KP200', '4300', null,   1200.00,  0.00),
    ('111', 'KP200', '4300', null,   800.00,   0.00),
    ('111', 'KP200', '3990', null,   0.00,     50.05),
    ('111', 'KP300', '5000', null,   0.00,     100000.00),
    ('111', 'KP300', '5500', null,   0.00,     50000.00),
    ('111', 'KP300', '6000', null,   0.00,     10.00),
    ('111', 'KP300', '7000', null,   2000.00,  0.00),
    ('111', 'KP400', '4300', null,   3000.00,  0.00),
    ('111', 'KP400', '3700', null,   0.00,     400.00),
    ('398', 'KP1',   '3000', null,   0.00,     10.00),
    ('398', 'KP1',   '4000', null,   20.00,    0.00)
) as t(municipality_code, cost_centre_code, account_code, project_code, debit, credit);

create or replace table raw.gl_postings as
with months as (
    select '111' as municipality_code, y as fiscal_year, m as period_month
    from (
        select 2023 as y, unnest(range(1, 13)) as m
        union all select 2024, unnest(range(1, 13))
        union all select 2025, unnest(range(1, 4))
    )
    union all
    select '398', 2025, unnest(range(1, 3))
),
rows as (
    select months.fiscal_year, months.period_month, gl_template.*
    from months join gl_template using (municipality_code)
    union all
    -- investments on KP400: a purchase in February and a land sale in March of each year
    select fiscal_year, 2, '111', 'KP400', '1100', 'INV1', 10000.00, 0.00
    from (values (2024), (2025)) as y(fiscal_year)
    union all
    select fiscal_year, 3, '111', 'KP400', '1100', 'INV1', 0.00, 2500.00
    from (values (2024), (2025)) as y(fiscal_year)
)
select
    municipality_code,
    cast(fiscal_year as integer) as fiscal_year,
    cast(period_month as integer) as period_month,
    make_date(fiscal_year, period_month, 15) as posting_date,
    cast(fiscal_year * 100 + period_month as varchar) as voucher_no,
    cost_centre_code,
    account_code,
    project_code,
    'Lasku, henkilötunnus peitetty' as description,
    cast(debit as decimal(18, 2)) as debit,
    cast(credit as decimal(18, 2)) as credit,
    cast(credit - debit as decimal(18, 2)) as amount,
    format('gl_{}_{}_{:02d}.csv', municipality_code, fiscal_year, period_month) as source_file,
    'dev' as source_hash,
    cast(row_number() over (partition by municipality_code, fiscal_year, period_month) + 1
         as integer) as source_row
from rows;

create or replace table raw.budget_entries as
select
    municipality_code, cast(fiscal_year as integer) as fiscal_year, cost_centre_code,
    account_code, entry_kind, approval_date, cast(amount as decimal(18, 2)) as amount,
    format('budget_{}_{}.csv', municipality_code, fiscal_year) as source_file,
    'dev' as source_hash,
    cast(row_number() over (partition by municipality_code, fiscal_year) + 1 as integer)
        as source_row
from (values
    ('111', 2024, 'KP100', '3000', 'TA',     date '2023-12-12',   12000.00),
    ('111', 2024, 'KP100', '4800', 'TA',     date '2023-12-12',   -3600.00),
    ('111', 2024, 'KP100', '3400', 'TA',     date '2023-12-12',    2400.00),
    ('111', 2025, 'KP100', '3000', 'TA',     date '2024-12-10',   12000.00),
    ('111', 2025, 'KP100', '4000', 'TA',     date '2024-12-10',  -60000.00),
    ('111', 2025, 'KP100', '4800', 'TA',     date '2024-12-10',   -3600.00),
    ('111', 2025, 'KP200', '4300', 'TA',     date '2024-12-10',  -24000.00),
    ('111', 2025, 'KP300', '5000', 'TA',     date '2024-12-10', 1200000.00),
    ('111', 2025, 'KP400', '1100', 'TA',     date '2024-12-10', -100000.00),
    ('111', 2025, 'KP400', '1100', 'TA',     date '2024-12-10',   20000.00),
    ('111', 2025, 'KP100', '4000', 'MUUTOS', date '2025-02-15',   -5000.00),
    ('111', 2025, 'KP200', '4300', 'MUUTOS', date '2025-05-20',   -1000.00),
    ('398', 2025, 'KP1',   '3000', 'TA',     date '2024-12-01',     100.00)
) as b(municipality_code, fiscal_year, cost_centre_code, account_code, entry_kind,
       approval_date, amount);

create or replace table raw.forecasts as
select
    municipality_code, cast(fiscal_year as integer) as fiscal_year,
    cast(forecast_month as integer) as forecast_month, org_unit_code, line_code,
    cast(amount as decimal(18, 2)) as amount,
    format('forecast_{}_{}_{:02d}.csv', municipality_code, fiscal_year, forecast_month)
        as source_file,
    'dev' as source_hash,
    cast(row_number() over (partition by municipality_code, fiscal_year, forecast_month) + 1
         as integer) as source_row
from (values
    ('111', 2025, 2, 'PA1',  'TOIMINTAKULUT', -100000.00),
    ('111', 2025, 3, 'PA1',  'TOIMINTATUOTOT',  15000.00),
    ('111', 2025, 3, 'PA1',  'HENKILOSTO',     -65000.00),
    ('111', 2025, 3, 'PA1',  'PALVELUT',       -24000.00),
    ('111', 2025, 3, 'PA1',  'TOIMINTAKULUT',  -85000.00),
    ('111', 2025, 3, 'VA1',  'TOIMINTAKULUT',  -70000.00),
    ('111', 2025, 3, 'K111', 'VEROTULOT',     1200000.00)
) as f(municipality_code, fiscal_year, forecast_month, org_unit_code, line_code, amount);

create or replace table raw.ingested_files as
select distinct
    source_file, 'gl' as source_kind, municipality_code, fiscal_year, period_month,
    source_hash, cast(count(*) over (partition by source_file) as integer) as row_count,
    timestamp '2025-04-01 02:00:00' as ingested_at
from raw.gl_postings;
"""


def main(path: str) -> None:
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with duckdb.connect(path) as connection:
        connection.execute(RAW_SQL)


if __name__ == "__main__":
    main(sys.argv[1])
