"""The published warehouse as Parquet: one file per review and mart table, for tools whose
DuckDB driver is older than the file format, or that read no DuckDB at all (Power BI,
Excel's Power Query, R's arrow, Spark).

Each file carries its table's description (from dbt, see `publish`) as Parquet key-value
metadata `description`, and `catalog.csv` beside them lists every table and column with
its description.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import duckdb

EXPORTED_SCHEMAS = ("review", "marts")


@dataclass(frozen=True)
class ParquetExport:
    folder: Path
    files: dict[str, int]  # schema/table.parquet -> rows


def export_parquet(warehouse: Path, folder: Path, municipality: str | None = None) -> ParquetExport:
    """Write <folder>/<schema>/<table>.parquet for every review and mart table.

    `municipality` keeps only that municipality's rows of tables that have a
    municipality_code (the others, such as dim_period, are written whole). Raises
    FileNotFoundError when the published warehouse does not exist.
    """
    if not warehouse.exists():
        raise FileNotFoundError(f"no published warehouse at {warehouse}: run `toteuma run` first")
    files: dict[str, int] = {}
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.execute(
            "select schema_name, table_name, coalesce(comment, '') from duckdb_tables()"
            f" where schema_name in {EXPORTED_SCHEMAS} order by all"
        ).fetchall()
        for schema, table, description in tables:
            target = folder / schema / f"{table}.parquet"
            target.parent.mkdir(parents=True, exist_ok=True)
            where, params = _filter(con, schema, table, municipality)
            rows = con.execute(
                f'copy (select * from "{schema}"."{table}"{where}) to \'{_path(target)}\''
                f" (format parquet, kv_metadata {{description: {_literal(description.strip())}}})",
                params,
            ).fetchall()
            files[f"{schema}/{table}.parquet"] = int(rows[0][0]) if rows else 0
        _write_catalog(con, folder / "catalog.csv")
    return ParquetExport(folder, files)


def _filter(con, schema: str, table: str, municipality: str | None) -> tuple[str, list]:
    if municipality is None:
        return "", []
    has_column = con.execute(
        "select count(*) from duckdb_columns() where schema_name = ? and table_name = ?"
        " and column_name = 'municipality_code'",
        [schema, table],
    ).fetchall()[0][0]
    return (" where municipality_code = ?", [municipality]) if has_column else ("", [])


def _write_catalog(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    rows = con.execute(
        "select schema_name, table_name, column_name, data_type, coalesce(comment, '')"
        f" from duckdb_columns() where schema_name in {EXPORTED_SCHEMAS}"
        " order by schema_name, table_name, column_index"
    ).fetchall()
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["schema", "table", "column", "type", "description"])
        writer.writerows(rows)


def _path(path: Path) -> str:
    return str(path).replace("'", "''")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
