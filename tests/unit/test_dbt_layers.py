"""The dbt project's layers only go down: staging -> intermediate -> marts -> review.

Read from dbt's own manifest (what `dbt parse` resolved), so a new `ref` that reads
upwards fails here, not in a reviewer's head.
"""

import json

import pytest

from orchestration.dbt_project import prepare_manifest

LAYERS = ("staging", "intermediate", "marts", "review")
DOMAINS = {"finance", "goals", "controls"}
# What each layer may read, besides seeds and sources.
MAY_READ = {
    "staging": {"staging"},
    "intermediate": {"staging", "intermediate"},
    "marts": {"staging", "intermediate", "marts"},
    "review": {"marts", "review"},  # the board's tables read the published facts only
}


@pytest.fixture(scope="module")
def models() -> dict[str, dict]:
    manifest = json.loads(prepare_manifest().read_text(encoding="utf-8"))
    return {
        key: node for key, node in manifest["nodes"].items() if node["resource_type"] == "model"
    }


def _layer_and_domain(node: dict) -> tuple[str, str]:
    _, layer, domain, *_ = node["original_file_path"].split("/")
    return layer, domain


def test_every_model_sits_in_a_layer_and_a_domain_folder(models):
    misplaced = [
        node["original_file_path"]
        for node in models.values()
        if _layer_and_domain(node)[0] not in LAYERS or _layer_and_domain(node)[1] not in DOMAINS
    ]
    assert misplaced == []


def test_no_model_reads_a_layer_above_its_own_and_review_reads_only_marts(models):
    upwards = []
    for key, node in models.items():
        layer, _ = _layer_and_domain(node)
        for parent in node["depends_on"]["nodes"]:
            if parent in models:
                parent_layer, _ = _layer_and_domain(models[parent])
                if parent_layer not in MAY_READ[layer]:
                    upwards.append(f"{key} ({layer}) reads {parent} ({parent_layer})")
    assert upwards == []


def test_the_layer_rule_would_catch_an_intermediate_model_reading_a_mart(models):
    """The rule above is not vacuous: the marts are read, from the layer allowed to."""
    readers_of_marts = {
        _layer_and_domain(node)[0]
        for node in models.values()
        for parent in node["depends_on"]["nodes"]
        if parent in models and _layer_and_domain(models[parent])[0] == "marts"
    }
    assert readers_of_marts == {"marts", "review"}
