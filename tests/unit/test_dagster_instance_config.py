"""The Dagster instance lets one nightly run be in progress; older files get the limit too."""

import dagster as dg
import pytest
import yaml

from orchestration.jobs import nightly_job
from orchestration.settings import INSTANCE_TEMPLATE, RUN_QUEUE_TAG, ensure_dagster_home

NIGHTLY_LIMIT = {"key": RUN_QUEUE_TAG[0], "value": RUN_QUEUE_TAG[1], "limit": 1}


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    return tmp_path


def _run_queue(home):
    """The run queue as Dagster itself reads the file (it refuses an invalid one)."""
    instance = dg.DagsterInstance.from_config(str(home))
    try:
        return instance.get_concurrency_config().run_queue_config
    finally:
        instance.dispose()


def test_every_nightly_run_carries_the_tag_the_queue_limits():
    assert nightly_job.run_tags[RUN_QUEUE_TAG[0]] == RUN_QUEUE_TAG[1]


def test_a_new_instance_queues_nightly_runs_one_at_a_time_with_telemetry_off(home):
    ensure_dagster_home()
    queue = _run_queue(home)
    assert NIGHTLY_LIMIT in queue.tag_concurrency_limits
    assert yaml.safe_load((home / "dagster.yaml").read_text())["telemetry"] == {"enabled": False}


def test_a_file_of_an_older_version_keeps_its_settings_and_comments_and_gains_the_limit(home):
    # GIVEN the file an older toteuma wrote, edited by an administrator
    older = (
        "telemetry:\n  enabled: false\n"
        "# our runs' logs go to the shared disk\n"
        "compute_logs:\n  module: dagster.core.storage.local_compute_log_manager\n"
        "  class: LocalComputeLogManager\n  config:\n    base_dir: /tmp/toteuma-logs\n"
    )
    (home / "dagster.yaml").write_text(older)
    # WHEN a run prepares the instance (twice: the second must change nothing)
    ensure_dagster_home()
    once = (home / "dagster.yaml").read_text()
    ensure_dagster_home()
    # THEN every line written before stays, and the queue holds one nightly run at a time
    assert once.startswith(older)
    assert (home / "dagster.yaml").read_text() == once
    assert NIGHTLY_LIMIT in _run_queue(home).tag_concurrency_limits


def test_a_users_own_run_limits_stay_and_ours_joins_them(home):
    (home / "dagster.yaml").write_text(
        "concurrency:\n  runs:\n    max_concurrent_runs: 5\n    tag_concurrency_limits:\n"
        "      - key: team\n        limit: 2\n  pools:\n    default_limit: 3\n"
    )
    ensure_dagster_home()
    queue = _run_queue(home)
    assert queue.max_concurrent_runs == 5
    assert {"key": "team", "limit": 2} in queue.tag_concurrency_limits
    assert NIGHTLY_LIMIT in queue.tag_concurrency_limits
    saved = yaml.safe_load((home / "dagster.yaml").read_text())
    assert saved["concurrency"]["pools"] == {"default_limit": 3}


def test_a_run_queue_set_the_older_way_gets_the_limit_where_dagster_accepts_it(home):
    # Dagster refuses `concurrency: runs:` beside `run_queue: max_concurrent_runs`
    (home / "dagster.yaml").write_text("run_queue:\n  max_concurrent_runs: 4\n")
    ensure_dagster_home()
    queue = _run_queue(home)
    assert queue.max_concurrent_runs == 4
    assert NIGHTLY_LIMIT in queue.tag_concurrency_limits


def test_a_limit_someone_changed_is_left_as_they_set_it(home):
    changed = (
        "concurrency:\n  runs:\n    tag_concurrency_limits:\n"
        f"      - key: {RUN_QUEUE_TAG[0]}\n        value: {RUN_QUEUE_TAG[1]}\n        limit: 2\n"
    )
    (home / "dagster.yaml").write_text(changed)
    ensure_dagster_home()
    assert (home / "dagster.yaml").read_text() == changed


def test_the_template_limits_the_tag_the_nightly_runs_carry():
    template = yaml.safe_load(INSTANCE_TEMPLATE.read_text(encoding="utf-8"))
    limits = template["concurrency"]["runs"]["tag_concurrency_limits"]
    # the tag the job's runs carry (RUN_QUEUE_TAG) is the one the template limits
    assert limits == [NIGHTLY_LIMIT]
