"""The WSGI application `toteuma web` serves (waitress)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "review.site.settings")
application = get_wsgi_application()
