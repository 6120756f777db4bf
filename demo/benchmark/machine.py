"""What machine and software a benchmark ran on (for bench/results.json)."""

from __future__ import annotations

import os
import platform
from importlib import metadata
from pathlib import Path

PACKAGES = ("duckdb", "dagster", "dbt-core", "dbt-duckdb", "great-expectations", "pandas")


def _first(path: str, label: str) -> str | None:
    try:
        for line in Path(path).read_text().splitlines():
            if line.startswith(label):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def describe() -> dict[str, object]:
    memory = _first("/proc/meminfo", "MemTotal")
    return {
        "cpu": _first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "memory_gib": round(int(memory.split()[0]) / 2**20, 1) if memory else None,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "load_average_at_start": os.getloadavg(),
        "packages": {name: metadata.version(name) for name in PACKAGES},
    }
