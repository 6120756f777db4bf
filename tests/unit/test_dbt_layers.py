"""The dbt project's layers only go down: staging -> intermediate -> marts -> review.

Read from dbt's own manifest (what `dbt parse` resolved), so a new `ref` that reads
upwards fails here, not in a reviewer's head: a model's refs, and the refs of the data
tests declared in a layer's YAML (a relationships test to a mart from an intermediate
model's YAML reads upwards just as a model would).
"""

import json
import re

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
def manifest() -> dict:
    return json.loads(prepare_manifest().read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def models(manifest) -> dict[str, dict]:
    return {
        key: node for key, node in manifest["nodes"].items() if node["resource_type"] == "model"
    }


@pytest.fixture(scope="module")
def layer_tests(manifest) -> dict[str, dict]:
    """The data tests declared in a model folder's YAML (generic tests), by unique id;
    singular tests (dbt_project/tests/) belong to no layer and may read any."""
    return {
        key: node
        for key, node in manifest["nodes"].items()
        if node["resource_type"] == "test" and node["original_file_path"].startswith("models/")
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


def _reads_upwards(key: str, node: dict, layer: str, models: dict[str, dict]) -> list[str]:
    return [
        f"{key} ({layer}) reads {parent} ({_layer_and_domain(models[parent])[0]})"
        for parent in node["depends_on"]["nodes"]
        if parent in models and _layer_and_domain(models[parent])[0] not in MAY_READ[layer]
    ]


def test_no_test_declared_in_a_layer_reads_a_layer_above_it(models, layer_tests):
    """A test in models/intermediate/**.yml reads intermediate, staging, seeds and sources
    only (e.g. a relationships test to a seed, never to the mart built from it)."""
    upwards = [
        line
        for key, node in layer_tests.items()
        for line in _reads_upwards(key, node, _layer_and_domain(node)[0], models)
    ]
    assert upwards == []


def test_the_test_rule_sees_tests_of_every_layer_and_their_references(models, layer_tests):
    """Not vacuous: every layer declares tests, and some of them read another model
    besides the one they are declared on (relationships, joins in evidence_where)."""
    assert {_layer_and_domain(node)[0] for node in layer_tests.values()} == set(LAYERS)
    reading_two_models = [
        key
        for key, node in layer_tests.items()
        if len([parent for parent in node["depends_on"]["nodes"] if parent in models]) >= 2
    ]
    assert reading_two_models
    # a test declared in intermediate YAML that read a mart would be listed
    faked = {
        "depends_on": {
            "nodes": [next(k for k, n in models.items() if "/marts/" in n["original_file_path"])]
        }
    }
    assert _reads_upwards("test.fake", faked, "intermediate", models)


def test_unit_tests_give_only_inputs_of_their_own_layer_or_below(manifest, models):
    """A unit test's given inputs are its model's parents: the same rule holds for them."""
    by_name = {node["name"]: key for key, node in models.items()}
    upwards, inputs = [], 0
    for key, unit_test in manifest.get("unit_tests", {}).items():
        layer = _layer_and_domain(models[unit_test["depends_on"]["nodes"][0]])[0]
        for given in unit_test["given"]:
            match = re.fullmatch(r"ref\(['\"](\w+)['\"]\)", given["input"].strip())
            if match and match.group(1) in by_name:
                inputs += 1
                fake = {"depends_on": {"nodes": [by_name[match.group(1)]]}}
                upwards += _reads_upwards(key, fake, layer, models)
    assert inputs > 0
    assert upwards == []
