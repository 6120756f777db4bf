"""Tiny landing files written into tmp_path, and an in-memory DuckDB per test."""

from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb
import pytest

from tests.unit.helpers import GL_HEADER

WriteFile = Callable[..., Path]


@pytest.fixture
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.fixture
def write_file(tmp_path: Path) -> WriteFile:
    """Write `lines` as one CSV file: LF by default, in the given encoding, optional BOM."""

    def write(
        name: str,
        lines: list[str],
        *,
        encoding: str = "utf-8",
        newline: str = "\n",
        bom: bool = False,
    ) -> Path:
        folder = tmp_path / "landing" / "finance"
        folder.mkdir(parents=True, exist_ok=True)
        data = newline.join(lines).encode(encoding) + newline.encode(encoding)
        path = folder / name
        path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + data)
        return path

    return write


@pytest.fixture
def write_gl(write_file: WriteFile) -> WriteFile:
    """A gl file for Heinola (111), March 2026, with the standard header and `rows`."""

    def write(rows: list[str], *, name: str = "gl_111_2026_03.csv", **options: object) -> Path:
        return write_file(name, [GL_HEADER, *rows], **options)

    return write
