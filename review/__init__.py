"""The controllers' review: the store of their decisions and the web pages they make them on.

    review/store/   the controls store (a Django app): waivers, explanations, releases and
                    sign-offs with their approved figures, comments, users, grants per unit
                    and the append-only audit trail, in one SQL database beside the
                    warehouse (SQLite by default, PostgreSQL by URL)
    review/pages/   the web application (a Django app): morning queue, failures, a unit on
                    a date, releases, downloads, audit log
    review/site/    the Django project: settings resolved from warehouse/settings.py

The nightly run reads the store (orchestration/assets/controls.py) as a snapshot in the
controls-folder format (warehouse/controls/), the same files `toteuma controls export`
writes for anyone who keeps decisions in git.
"""
