"""Assets of the nightly graph: ingest → dbt → publish."""
