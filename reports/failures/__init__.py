"""`toteuma failures`: the controllers' morning review of the latest run's failures.

query.py reads and filters the history; terminal.py, spreadsheet.py (CSV and the Excel
workbook) show it; text.py says it in Finnish.
"""
