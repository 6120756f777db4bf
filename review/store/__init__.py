"""The controls store: every decision made for one warehouse, in one SQL database.

`open_store(url)` is the one way in: Django set up, the store created or brought up to
date by its migrations, refused when a newer toteuma wrote it, and every query of the
block routed to it.
"""
