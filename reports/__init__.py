"""Documents for people, written from the published warehouse.

What belongs here: the board's interim report as a Word document (`interim_report/`,
`toteuma report`) and the controllers' print-ready Excel review pack (`review_pack/`,
`toteuma export`), and what the two share: reading one reporting date of the published
file (`source.py`), the seed reports' layout of the finance tables (`finance.py`) and of
goals, indicators, risks and projects (`goals.py`), Finnish numbers and stamps
(`numbers.py`, `stamps.py`).

What does not: computing or correcting figures (everything printed comes from the
review tables; only display rounding happens here), writing to any warehouse file (the
published file is opened read-only), Dagster, and the morning review's failure lists
(`warehouse/failures/`) or the Parquet export (`warehouse/parquet_export.py`), which are
data for controllers' tools rather than documents to print.
"""
