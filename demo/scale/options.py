"""The scale generator's command-line options (light: `toteuma` builds its parser on
every call, so nothing heavy is imported here)."""

from __future__ import annotations

import argparse
from pathlib import Path

LAST_YEAR = 2025
DEFAULTS = {"municipalities": 20, "years": 1, "rows": 1_000_000, "seed": 1}


def add_arguments(parser) -> None:
    """--municipalities, --years, --rows, --seed, --out on a parser or argument group."""
    parser.add_argument("--municipalities", type=int, help=f"default {DEFAULTS['municipalities']}")
    parser.add_argument("--years", type=int, help=f"calendar years up to {LAST_YEAR}, default 1")
    parser.add_argument("--rows", type=int, help="ledger rows in all, default 1 000 000")
    parser.add_argument("--seed", type=int, help="default 1; the same seed writes the same bytes")
    parser.add_argument("--out", type=Path, help="the landing folder to write")


def chosen(args: argparse.Namespace) -> dict[str, int]:
    """The options given, defaults for the rest."""
    return DEFAULTS | {k: getattr(args, k) for k in DEFAULTS if getattr(args, k) is not None}


def scale_requested(args: argparse.Namespace) -> bool:
    return args.out is not None or any(getattr(args, k) is not None for k in DEFAULTS)
