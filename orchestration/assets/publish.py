"""The last step of write-audit-publish: copy the checked candidate to the published file."""

import json
import smtplib
from pathlib import Path

import dagster as dg

from orchestration.check_evidence import publication_warnings
from orchestration.dbt_project import dbt_project
from orchestration.resources import WarehouseResource
from orchestration.settings import DBT_PROJECT_DIR
from warehouse.build_state import last_build, snapshot_of_this_build
from warehouse.gate.blocking import blocking_lines
from warehouse.gate.decide import Verdict
from warehouse.publish.digest import compose, send
from warehouse.publish.publication import Withheld, publish, snapshot_published_months

# The run list's word for the night (Dagster shows a run's tags there and filters on them):
# published, published-with-warnings (failing warn checks or waived failures),
# published-partially (some scopes withheld, warehouse.gate.scopes), withheld.
OUTCOME_TAG = "toteuma/outcome"


@dg.asset(
    key="published_warehouse",
    ins={"verdict": dg.AssetIn("quality_gate")},
    group_name="publish",
    kinds={"duckdb"},
    output_required=False,
)
def published_warehouse(
    context: dg.AssetExecutionContext, warehouse: WarehouseResource, verdict: Verdict
):
    """Replaces the published warehouse atomically with the candidate's marts and review
    tables and the audit history, when the quality gate of this run allows it; otherwise
    the published file stays exactly as it was and the step fails with the blocking
    failures in its message, so the run is failed. Sends the e-mail digest either way."""
    settings = warehouse.settings
    run_id = context.run.run_id
    if verdict.run_id != run_id:
        # A selection of the publish step alone (the UI allows it) reads an earlier run's
        # stored verdict: only this run's gate may let this run's candidate out.
        raise dg.Failure(
            description="Julkaisu pidätetty: laatuportti ei toiminut tässä ajossa (luettu"
            f" päätös on ajon {verdict.run_id}); {settings.warehouse_path} on ennallaan."
            " Aja koko ajo.",
            allow_retries=False,
        )
    if not verdict.publish:
        context.instance.add_run_tags(run_id, {OUTCOME_TAG: "withheld"})
        _send_digest(context, settings, run_id)
        failures = blocking_lines(settings.audit_path, run_id)
        # A withheld night is a failed run: red in the UI, run-failure sensors fire.
        raise dg.Failure(
            description=f"Laatuportti pidätti julkaisun; {settings.warehouse_path} on ennallaan."
            " Estävät virheet:\n" + "\n".join(failures or verdict.blocking_checks),
            metadata={
                "blocking_checks": dg.MetadataValue.text(", ".join(verdict.blocking_checks)),
                "blocking_failures": dg.MetadataValue.md(
                    "\n".join(f"- {line.strip()}" for line in failures)
                ),
            },
            allow_retries=False,
        )
    built = last_build(settings.candidate_path)
    withheld = Withheld(verdict.holding, verdict.withheld, _goal_tables())
    publication = publish(
        settings.candidate_path,
        settings.warehouse_path,
        settings.previous_path,
        run_id,
        audit=settings.audit_path,
        tables_built_by=built.tables_built_by if built else None,
        withheld=withheld,
        storage_version=settings.storage_version,
    )
    snapshot_published_months(settings.candidate_path, run_id, verdict.holding.held_municipalities)
    if verdict.decision == "partial":
        scopes = "; ".join(scope.described for scope in verdict.holding.scopes)
        context.log.warning(f"Published partially; withheld, as published before: {scopes}")
    snapshot_of_this_build(settings.candidate_path, DBT_PROJECT_DIR, run_id)
    _send_digest(context, settings, run_id)
    warnings = publication_warnings(settings.audit_path, run_id)
    with_warnings = warnings["warning checks"] or warnings["waived checks"]
    outcome = "published-with-warnings" if with_warnings else "published"
    if verdict.decision == "partial":
        outcome = "published-partially"
    context.instance.add_run_tags(run_id, {OUTCOME_TAG: outcome})
    if with_warnings:
        context.log.warning(
            f"Published with {warnings['warning checks']} failing warn-severity checks"
            f" ({warnings['open warning rows (morning review)']} rows on open dates) and"
            f" {warnings['waived checks']} checks with waived failures: toteuma failures"
        )
    yield dg.MaterializeResult(
        metadata={
            "outcome": dg.MetadataValue.text(outcome),
            **warnings,
            "path": dg.MetadataValue.path(str(publication.path)),
            "previous_version": str(publication.previous or ""),
            "tables": len(publication.tables),
            "rows per table": dg.MetadataValue.md(
                "| table | rows |\n|---|---:|\n"
                + "\n".join(f"| {name} | {rows} |" for name, rows in publication.tables.items())
            ),
            "tables_reused_from_previous_publication": publication.tables_reused,
            "publication": "partial" if verdict.holding.scopes else "full",
            "withheld_scopes": dg.MetadataValue.md(_withheld_table(verdict)),
        }
    )


def _goal_tables() -> frozenset[str]:
    """The published goal tables ('schema.table'): a withheld workbook holds their rows."""
    manifest = json.loads(Path(dbt_project.manifest_path).read_text(encoding="utf-8"))
    return frozenset(
        f"{node['schema']}.{node.get('alias') or node['name']}"
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and "goals" in node["fqn"]
    )


def _withheld_table(verdict: Verdict) -> str:
    if not verdict.withheld:
        return "Nothing withheld: every scope published."
    rows = [
        f"| {held.scope.described} | `{held.check_name}` | {held.failing_rows} |"
        for held in verdict.withheld
    ]
    return "\n".join(["| withheld scope | check | failing rows |", "|---|---|---|", *rows])


def _send_digest(context: dg.AssetExecutionContext, settings, run_id: str) -> None:
    """E-mail the night's news when .env asks for it; a mail problem never fails the run."""
    if not settings.digest.enabled:
        return
    try:
        mail = compose(settings.audit_path, run_id, settings.warehouse_path, settings.web_address)
        if mail is not None:
            send(settings.digest, mail)
            context.log.info(f"Digest sent to {', '.join(settings.digest.to)}: {mail.subject}")
    except (OSError, smtplib.SMTPException) as problem:
        context.log.warning(f"Digest not sent ({settings.digest.host}): {problem}")
