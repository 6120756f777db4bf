"""The benchmark's own pieces: a re-export keeps the file's style; the tree's memory
counts child processes."""

import sys

from demo.benchmark.process_tree import measure
from demo.benchmark.reexport import reexport
from tests.unit.helpers import GL_HEADER, gl_row


def test_reexport_changes_a_few_amounts_and_keeps_encoding_bom_and_crlf(tmp_path):
    path = tmp_path / "gl_111_2026_03.csv"
    rows = [GL_HEADER] + [gl_row(debet="1 234,56", selite="Lasku – ä")] * 3
    rows.insert(2, gl_row(kredit="7,00", selite='"Maksu; kassa"'))
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(rows).encode("utf-8") + b"\r\n")

    assert reexport(path, rows=2) == 2

    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and data.count(b"\r\n") == 5
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1].endswith(";1,00;") and lines[2] == rows[2] and lines[3].endswith(";1,00;")
    assert lines[4] == rows[4]


def test_peak_memory_counts_the_whole_process_tree():
    child = "data = b'x' * (300 * 2**20); import time; time.sleep(1)"  # pages written: resident
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    measured = measure([sys.executable, "-c", parent])
    assert measured.returncode == 0 and measured.peak_tree_mib > 300
