"""The fault matrix: each broken input, alone among good files, meets its exact outcome.

For every case: nothing of the bad file is loaded, every good file is, the gate withholds
publication exactly when a file was quarantined, the message names the file, the line
or cell, the column and the reason in our own words, and no identity code (nor the name
in a refund's description) reaches anything a person reads.
"""

import pytest

from tests.faults.base import HETU, HETU_2, PERSON
from tests.faults.cases import ALL_CASES, LOADED, QUARANTINED, REFUSED, REPORTED, Fault
from tests.faults.harness import LIBRARY_WORDS, file_checks, ingested, run_night
from warehouse.hetu import mask_hetu


@pytest.mark.parametrize("case", ALL_CASES, ids=lambda case: case.name)
def test_fault_meets_its_outcome(case: Fault, good_night, copied_night) -> None:
    # GIVEN the good night's landing folder and warehouse, with one fault
    landing, warehouse = copied_night / "landing", copied_night / "warehouse"
    before = ingested(warehouse)
    case.apply(landing)
    # WHEN the next night runs
    night = run_night(landing, warehouse, "night-2")
    after = ingested(warehouse)
    # THEN the file meets its outcome ...
    _assert_outcome(case, night, landing, before, after)
    # ... the good files are all loaded, as they were
    for name, loaded in before.items():
        if name != case.subject:
            assert after.get(name) == loaded, f"{name} should be loaded as before"
    # ... publication follows the outcome and its scope
    assert night.publication == case.decision
    # ... a person is told, in our words, where and why
    findings = [row for row in file_checks(warehouse, "night-2") if row["failures"]]
    told = _what_a_person_reads(case, night, findings)
    for fragment in case.message:
        assert fragment in told, f"{fragment!r} not in:\n{told}"
    assert not LIBRARY_WORDS.search(told), told
    # ... and nothing a person reads holds an identity code or the refund's name
    for where, text in night.texts.items():
        for secret in (HETU, HETU_2, PERSON):
            assert secret not in text, f"{secret} in {where}"
        assert mask_hetu(text) == text, f"an identity code in {where}"


def _assert_outcome(case: Fault, night, landing, before, after) -> None:
    quarantined = landing / "quarantine" / case.subject
    if case.outcome == REFUSED:
        assert night.refused is not None and after == before
        return
    assert night.refused is None, night.refused
    if case.outcome == LOADED:
        assert case.subject in after and after[case.subject] != before.get(case.subject)
        assert not quarantined.exists()
    elif case.outcome == QUARANTINED:
        assert quarantined.exists() and quarantined.with_name(f"{case.subject}.failed.txt").exists()
        assert after.get(case.subject) == before.get(case.subject)  # earlier rows, if any, kept
    elif case.outcome == REPORTED:
        assert case.subject not in after and not quarantined.exists()
    checks = {f"{row['kind']}.{row['check_name']}" for row in file_checks_of(night)}
    if case.check:
        assert case.check in checks, checks


def file_checks_of(night) -> list[dict]:
    return [
        {"kind": r.check_name.split(".")[0], "check_name": r.check_name.split(".", 1)[1]}
        for r in night.decision.results
        if r.failures and "." in r.check_name
    ]


def _what_a_person_reads(case: Fault, night, findings: list[dict]) -> str:
    if case.outcome == REFUSED:
        return night.refused
    about = [row for row in findings if row["source_file"] == case.subject]
    texts = [f"{row['explanation']}\n{row['examples']}" for row in about]
    texts += [text for where, text in night.texts.items() if where.startswith("note ")]
    return "\n".join(texts)
