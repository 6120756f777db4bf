"""Publication: the checked candidate into the file analysts open.

What belongs here: the atomic publication of the marts, review and audit tables and the
snapshot of the months published (`publication.py`); the e-mail digest sent after a run
(`digest.py`); the published file as Parquet (`parquet.py`, `toteuma export`) and as
dbt's documentation site (`dbt_docs.py`, `toteuma docs`).

What does not: whether a run may publish (warehouse/gate/ decides; the publish asset
takes its verdict as input), the Excel review pack and other documents for people
(reports/), Dagster.
"""
