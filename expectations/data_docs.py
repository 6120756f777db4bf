"""A local Data Docs site (HTML) of the validation results kept under results_dir."""

from pathlib import Path

import great_expectations as gx
from great_expectations.core.expectation_validation_result import (
    ExpectationSuiteValidationResultSchema,
)
from great_expectations.core.run_identifier import RunIdentifier
from great_expectations.data_context.types.base import (
    DataContextConfig,
    InMemoryStoreBackendDefaults,
)
from great_expectations.data_context.types.resource_identifiers import (
    ExpectationSuiteIdentifier,
    ValidationResultIdentifier,
)

SITE_NAME = "local_site"


def build_data_docs(results_dir: Path, site_dir: Path) -> Path:
    """Render every stored result JSON into GX's static site; returns its index.html.

    The site is plain files (no server); its pages load their CSS and scripts from public
    CDNs, so without network they show unstyled but complete.
    """
    context = gx.get_context(mode="ephemeral", project_config=_config(Path(site_dir)))
    schema = ExpectationSuiteValidationResultSchema()
    for path in sorted(Path(results_dir).glob("*/*.json")):
        result = schema.loads(path.read_text(encoding="utf-8"))
        context.validation_results_store.set(_identifier(result, path), result)
    context.build_data_docs(site_names=[SITE_NAME])
    return Path(site_dir) / "index.html"


def _config(site_dir: Path) -> DataContextConfig:
    site = {
        "class_name": "SiteBuilder",
        "show_how_to_buttons": False,
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": ""},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    site["store_backend"]["base_directory"] = str(site_dir)
    return DataContextConfig(
        store_backend_defaults=InMemoryStoreBackendDefaults(),
        analytics_enabled=False,
        data_docs_sites={SITE_NAME: site},
    )


def _identifier(result, path: Path) -> ValidationResultIdentifier:
    """Suite, run and batch of a stored result; the batch is named after the landing file."""
    run_id = result.meta.get("run_id") or RunIdentifier(run_name=path.stem)
    if isinstance(run_id, dict):
        run_id = RunIdentifier(**run_id)
    return ValidationResultIdentifier(
        expectation_suite_identifier=ExpectationSuiteIdentifier(name=result.suite_name),
        run_id=run_id,
        batch_identifier=path.parent.name,
    )
