"""Documents for people, written from the published warehouse.

What belongs here: what people read from the warehouse. The board's interim report as a
Word document (`interim_report/`, `toteuma report`) and the controllers' print-ready
Excel review pack (`review_pack/`, `toteuma export`), and what the two share: reading one
reporting date of the published file (`source.py`), the seed reports' layout of the
finance tables (`finance.py`) and of goals, indicators, risks and projects (`goals.py`),
numbers and stamps as the reports print them (`numbers.py`, `stamps.py`). The morning
review of `toteuma failures` (`failures/`: the query, the terminal view, the CSV and
workbook, the Finnish sentences) and Finnish dates and euros with cents as controllers
write them (`finnish.py`, also used by the gate's messages).

What does not: computing or correcting figures (everything printed comes from the
review and audit tables; only display rounding happens here), writing to any warehouse
file (the published file is opened read-only), Dagster, and the Parquet export
(`warehouse/publish/parquet.py`), which is data for analysts' tools.
"""
