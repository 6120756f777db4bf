"""The review's pages, one module per page (see review/pages/urls.py for their paths)."""
