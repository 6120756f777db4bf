"""What is left here is what people read from the warehouse, on its way to reports/: the
Excel review pack (`review_pack.py`), the morning review of `toteuma failures`
(`failures/`: query, terminal, text, spreadsheet) and Finnish dates and euros
(`finnish.py`). The steps of the flow live in ingest/, gate/ and publish/; the files a
run writes in var/.
"""
