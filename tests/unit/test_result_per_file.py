"""A batch's GX result cut to one file, for that file's Data Docs page."""

import copy

from expectations.failures import UNEXPECTED_ROWS, result_for_file

MARCH, APRIL = "gl_111_2026_03.csv", "gl_111_2026_04.csv"


def _batch_result() -> dict:
    """Three expectations over a batch of March and April: one passed, two failed in
    both files (one returns rows, one lists failing lines)."""
    return {
        "suite_name": "gl_postings",
        "success": False,
        "meta": {"run": "x"},
        "results": [
            {"success": True, "expectation_config": {"type": UNEXPECTED_ROWS}, "result": {}},
            {
                "success": False,
                "expectation_config": {"type": UNEXPECTED_ROWS, "kwargs": {}},
                "result": {
                    "observed_value": 3,
                    "details": {"unexpected_rows": [
                        {"source_file": MARCH, "source_row": 4, "failing_in_file": 2},
                        {"source_file": MARCH, "source_row": 9, "failing_in_file": 2},
                        {"source_file": APRIL, "source_row": 2, "failing_in_file": 1},
                    ]},
                },
            },
            {
                "success": False,
                "expectation_config": {"type": "expect_column_values_to_be_in_set"},
                "result": {
                    "unexpected_count": 2,
                    "unexpected_percent": 50.0,
                    "unexpected_index_list": [
                        {"source_file": "gl_111_2026_04.csv", "source_row": 3},
                        {"source_file": "gl_111_2026_04.csv", "source_row": 5},
                    ],
                },
            },
        ],
    }  # fmt: skip


def test_each_file_sees_only_its_own_failures_and_the_batch_is_left_as_it_was() -> None:
    batch = _batch_result()
    before = copy.deepcopy(batch)
    march = result_for_file(batch, "gl_111_2026_03.csv")
    april = result_for_file(batch, "gl_111_2026_04.csv")
    # THEN March fails the rows rule with its two rows and passes the one only April broke
    assert [item["success"] for item in march["results"]] == [True, False, True]
    assert march["results"][1]["result"]["observed_value"] == 2
    assert [
        r["source_row"] for r in march["results"][1]["result"]["details"]["unexpected_rows"]
    ] == [4, 9]
    assert march["results"][2]["result"]["unexpected_count"] == 0
    assert march["statistics"]["unsuccessful_expectations"] == 1
    # AND April fails both, with its own counts and lines
    assert [item["success"] for item in april["results"]] == [True, False, False]
    assert april["results"][1]["result"]["observed_value"] == 1
    assert april["results"][2]["result"]["unexpected_count"] == 2
    assert april["results"][2]["result"]["unexpected_percent"] == 50.0
    # AND each is named for its file, while the batch's result is unchanged
    assert (march["suite_name"], march["meta"]) == (
        "gl_postings__gl_111_2026_03",
        {"run": "x", "source_file": "gl_111_2026_03.csv"},
    )
    assert batch == before
