import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "servicefirst.settings")
application = get_wsgi_application()

# An app server with DEBUG off refuses to start without Redis answering (docs/DEPLOYMENT.md); imported after
# Django is set up.
from servicefirst.core.health import production_cache_check  # noqa: E402

production_cache_check()
