"""Expectations on a batch of staged organisation master data files."""

from __future__ import annotations

from typing import TYPE_CHECKING

import great_expectations as gx

from expectations.building_blocks import (
    ERROR,
    WARN,
    enough_rows,
    in_set,
    no_duplicates,
    unexpected_rows,
)

if TYPE_CHECKING:
    from expectations.contract import Source, Sources

LEVELS = ["KUNTA", "TOIMIALA", "LAUTAKUNTA", "PALVELUALUE", "VASTUUALUE", "KUSTANNUSPAIKKA"]


def build_suite(source: Source, files_table: str, sources: Sources) -> gx.ExpectationSuite:
    """The suite of whole organisation histories, one per file (a municipality each)."""
    shown = source.shown
    return gx.ExpectationSuite(
        name=source.kind,
        expectations=[
            enough_rows(files_table),
            unexpected_rows(
                "validity_in_order",
                ERROR,
                f"Sarakkeen '{shown('valid_to')}' päivä ei saa olla ennen sarakkeen"
                f" '{shown('valid_from')}' päivää.",
                "select * from staged where valid_to < valid_from",
            ),
            unexpected_rows(
                "validity_not_overlapping",
                ERROR,
                "Samalla yksikkökoodilla on kaksi samana päivänä voimassa olevaa riviä; koodin"
                " rivien voimassaolokaudet eivät saa mennä päällekkäin.",
                "select one.* from staged as one join staged as other"
                " on one.source_file = other.source_file and one.unit_code = other.unit_code"
                " and one.source_row <> other.source_row"
                " and one.valid_from <= coalesce(other.valid_to, date '9999-12-31')"
                " and other.valid_from <= coalesce(one.valid_to, date '9999-12-31')",
            ),
            no_duplicates(
                source.column_names,
                ERROR,
                "Kaksi tai useampi rivi on samanlainen kaikissa sarakkeissa: vienti toisti"
                " yksikön.",
            ),
            in_set(
                "level_name",
                LEVELS,
                "known_level",
                WARN,
                f"Sarakkeen '{shown('level_name')}' arvo ei ole mikään tunnetuista tasoista"
                " (TOIMIALA … KUSTANNUSPAIKKA). Uudet tasot ovat sallittuja, mutta tarkista, että"
                " tämä on tarkoituksellinen.",
            ),
            unexpected_rows(
                "parent_known",
                WARN,
                f"Sarakkeessa '{shown('parent_code')}' on yksikkökoodi, jota ei ole tiedostossa,"
                " joten yksikkö jää organisaatiopuun ulkopuolelle.",
                "select * from staged as unit where parent_code is not null and not exists"
                " (select 1 from staged as parent where parent.source_file = unit.source_file"
                " and parent.unit_code = unit.parent_code)",
            ),
        ],
    )
