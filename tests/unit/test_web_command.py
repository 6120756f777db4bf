"""`toteuma web`: what the operator is told when the server cannot start (no server is
started here: the port is checked before Django or the store is touched)."""

from __future__ import annotations

import socket

import pytest
from typer.testing import CliRunner

from orchestration.cli import app
from orchestration.web import network_note, url_of


@pytest.fixture
def cli(monkeypatch) -> CliRunner:
    for name in ("TOTEUMA_WAREHOUSE_PATH", "TOTEUMA_WEB_HOST", "TOTEUMA_WEB_PORT"):
        monkeypatch.delenv(name, raising=False)
    return CliRunner()


def test_a_busy_port_is_one_finnish_line_and_nothing_is_written(cli, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = cli.invoke(
            app, ["web", "--warehouse", str(tmp_path / "toteuma.duckdb"), "--port", str(port)]
        )
    assert done.exit_code == 1
    assert f"toteuma web: portti {port} on jo käytössä osoitteessa 127.0.0.1" in done.output
    assert "--port" in done.output and "Traceback" not in done.output
    assert list(tmp_path.iterdir()) == []  # no store was created for a server that never ran


def test_the_port_comes_from_the_environment_when_not_given(cli, tmp_path, monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        monkeypatch.setenv("TOTEUMA_WEB_PORT", str(port))
        done = cli.invoke(app, ["web", "--warehouse", str(tmp_path / "toteuma.duckdb")])
    assert done.exit_code == 1
    assert f"portti {port} on jo käytössä" in done.output


def test_a_host_that_is_not_this_machine_and_a_missing_folder_are_refused(cli, tmp_path):
    done = cli.invoke(
        app, ["web", "--warehouse", str(tmp_path / "toteuma.duckdb"), "--host", "192.0.2.1"]
    )
    assert done.exit_code == 1
    assert "osoite 192.0.2.1 ei ole tämän koneen osoite" in done.output
    done = cli.invoke(app, ["web", "--warehouse", str(tmp_path / "typo" / "toteuma.duckdb")])
    assert done.exit_code == 1
    assert f"kansiota {tmp_path / 'typo'} ei ole" in done.output


def test_the_printed_address_brackets_an_ipv6_host():
    assert url_of("127.0.0.1", 8000) == "http://127.0.0.1:8000/"
    assert url_of("::1", 8000) == "http://[::1]:8000/"


def test_serving_beyond_this_machine_says_https_and_the_allowed_names():
    """Bound to another address than loopback, `toteuma web` prints this: the cookies are
    Secure, so a colleague's browser logs in only through an HTTPS proxy."""
    note = network_note(["127.0.0.1", "localhost"])
    assert "HTTPS" in note and "TOTEUMA_WEB_ALLOWED_HOSTS (nyt 127.0.0.1, localhost)" in note
    assert "TOTEUMA_WEB_TRUSTED_ORIGINS" in note
