"""The pages' middleware.

- WarehouseUnavailableMiddleware: a warehouse file that cannot be read now is a plain
  Finnish page (HTTP 503), never a traceback: the published file or the audit history is
  missing (no run has finished yet) or another program holds it open read-write (DuckDB
  then lets nobody else read it).
- FinnishFirstLocaleMiddleware: the language is Finnish unless the user switched it.
"""

from __future__ import annotations

import duckdb
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation

from review.pages.warehouse_reads import WarehouseUnavailable, unavailable_text

RETRY_AFTER_SECONDS = 60


class WarehouseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, WarehouseUnavailable):
            message = str(exception)
        elif isinstance(exception, duckdb.Error):
            # access.py reads the organisation through DuckDB too
            message = unavailable_text(exception)
        else:
            return None
        response = render(request, "pages/unavailable.html", {"message": message}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


class FinnishFirstLocaleMiddleware(LocaleMiddleware):
    """Finnish unless the user chose otherwise: the language switch's cookie (Django's
    set_language view) decides, the browser's Accept-Language does not, so an English
    browser still opens a Finnish municipal service in Finnish."""

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _ in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
