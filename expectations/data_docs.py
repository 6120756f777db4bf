"""A local Data Docs site (HTML) of the validation results kept under results_dir,
complete without a network: the scripts and styles GX's pages load from CDNs are served
from copies in the site (see data_docs_static/README.md)."""

import os
import re
import shutil
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
VENDORED = Path(__file__).with_name("data_docs_static")
VENDOR_DIR = Path("static", "vendor")  # in the site
# Every CDN file great-expectations 1.24's templates name -> its copy under VENDORED.
CDN_FILES = {
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "bootstrap-table@1.19.1/dist/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "bootstrap-table@1.19.1/dist/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js":
        "bootstrap-table@1.19.1/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css":
        "bootstrap-table@1.19.0/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.min.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css":
        "bootstrap-table@1.19.0/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.css",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css":
        "bootstrap@4.3.1/dist/css/bootstrap.min.css",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js":
        "bootstrap@4.3.1/dist/js/bootstrap.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css":
        "bootstrap-datepicker@1.9.0/dist/css/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js":
        "bootstrap-datepicker@1.9.0/dist/js/bootstrap-datepicker.min.js",
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css":
        "@forevolve/bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "@fortawesome/fontawesome-free@6.6.0/css/all.min.css",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery@3.7.1/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js":
        "popper.js@1.12.9/dist/umd/popper.min.js",
    "https://cdn.jsdelivr.net/npm/vega@5": "vega@5.33.1/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite@5.23.0/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed@6.29.0/build/vega-embed.min.js",
}  # fmt: skip
# The logo in the pages' top bar: GX ships the same image in the site's static/images.
_LOGO = re.compile(
    r"https://great-expectations-web-assets\.s3\.us-east-2\.amazonaws\.com/([\w.-]+)[^\"']*"
)
_IMAGES = re.compile(r"""((?:src|href)=["'])(?:\./|(?:\.\./)+)static/images/""")
# Subresource integrity and CORS attributes: a page read from file:// has no origin, so
# a `crossorigin` script would be refused; the local copies need neither.
_INTEGRITY = re.compile(r'\s+(?:integrity="[^"]*"|crossorigin="[^"]*")')
# A script or stylesheet still loaded from the network (checked after rewriting).
REMOTE = re.compile(r"<(?:script|link)\b[^>]*?\b(?:src|href)=[\"'](https?://[^\"']+)", re.I)


class RemoteAssetError(RuntimeError):
    """A page names a script or stylesheet on the network that is not vendored."""


def build_data_docs(results_dir: Path, site_dir: Path) -> Path:
    """Render every stored result JSON into GX's static site; returns its index.html.

    The site is plain files (no server, no network): its pages load their scripts,
    styles and fonts from the site's static/vendor folder (see `localise`).
    """
    context = gx.get_context(mode="ephemeral", project_config=_config(Path(site_dir)))
    schema = ExpectationSuiteValidationResultSchema()
    for path in sorted(Path(results_dir).glob("*/*.json")):
        result = schema.loads(path.read_text(encoding="utf-8"))
        context.validation_results_store.set(_identifier(result, path), result)
    context.build_data_docs(site_names=[SITE_NAME])
    localise(Path(site_dir))
    return Path(site_dir) / "index.html"


def localise(site_dir: Path) -> None:
    """Copy the vendored files into the site and point every page at them.

    Raises RemoteAssetError naming the URLs when a page still loads a script or a
    stylesheet from the network (a GX upgrade naming a file not vendored yet)."""
    vendor = site_dir / VENDOR_DIR
    shutil.copytree(VENDORED, vendor, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.md"))
    remote: set[str] = set()
    for page in site_dir.rglob("*.html"):
        html = _localised(page.read_text(encoding="utf-8"), page.parent, site_dir)
        page.write_text(html, encoding="utf-8")
        remote |= set(REMOTE.findall(html))
    if remote:
        raise RemoteAssetError(
            "Data Docs pages load files from the network that are not vendored in "
            f"{VENDORED}: {', '.join(sorted(remote))}"
        )


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


def _localised(html: str, folder: Path, site_dir: Path) -> str:
    """One page with its CDN files replaced by relative links to the site's copies."""
    to_vendor = Path(os.path.relpath(site_dir / VENDOR_DIR, folder)).as_posix()
    to_images = Path(os.path.relpath(site_dir / "static" / "images", folder)).as_posix()
    for url, local in CDN_FILES.items():
        html = html.replace(f'"{url}"', f'"{to_vendor}/{local}"')
    html = _LOGO.sub(lambda found: f"{to_images}/{found.group(1)}", html)
    # GX counts a validation page's depth one folder short for its favicon link
    html = _IMAGES.sub(lambda found: f"{found.group(1)}{to_images}/", html)

    def without_integrity(tag: re.Match) -> str:
        text = tag.group(0)
        return _INTEGRITY.sub("", text) if f"{to_vendor}/" in text else text

    return re.sub(r"<(?:script|link)\b[^>]*>", without_integrity, html)
