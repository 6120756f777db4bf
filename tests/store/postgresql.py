"""A throwaway PostgreSQL cluster on a loopback port, for the store's tests.

Debian's server binaries (/usr/lib/postgresql/<version>/bin; `make test` installs the
package when missing). PostgreSQL refuses to run as root: as root the cluster is made and
run by the `postgres` user, in a folder that user owns.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path


def server_binaries() -> Path:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    if not found:
        raise RuntimeError(
            "PostgreSQL's server is not installed (/usr/lib/postgresql/*/bin/initdb):"
            " `make test` installs Debian's postgresql package"
        )
    return found[-1].parent


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_owner(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Yields a database URL (postgresql://toteuma@127.0.0.1:<port>/toteuma)."""
    binaries = server_binaries()
    base = Path(tempfile.mkdtemp(prefix="toteuma-pg-"))
    data = base / "data"
    if os.geteuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    port = _free_port()
    subprocess.run(
        _as_owner([str(binaries / "initdb"), "-D", str(data), "-U", "toteuma", "-A", "trust",
                   "-E", "UTF8", "--no-instructions"]),
        check=True, capture_output=True,
    )  # fmt: skip
    server = subprocess.Popen(
        _as_owner([str(binaries / "postgres"), "-D", str(data), "-p", str(port),
                   "-h", "127.0.0.1", "-k", str(base), "-c", "fsync=off"]),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        for _ in range(100):
            ready = subprocess.run(
                [str(binaries / "pg_isready"), "-h", "127.0.0.1", "-p", str(port)],
                capture_output=True,
            )
            if ready.returncode == 0:
                break
            time.sleep(0.1)
        subprocess.run(
            [str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "toteuma",
             "toteuma"],
            check=True, capture_output=True,
        )  # fmt: skip
        yield f"postgresql://toteuma@127.0.0.1:{port}/toteuma"
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(base, ignore_errors=True)
