import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "qualimark.settings")
application = get_wsgi_application()

# Every view imported now rather than on the first request, then the garbage collector
# told to leave what the process holds for good (frozen) and to run less often: an answer
# makes thousands of short-lived objects (a delivery list a hundred thousand) that reference
# counting frees, and each full collection otherwise walked the whole application's objects,
# a pause of tens of milliseconds for whichever request happened to trigger it.
get_resolver().url_patterns  # noqa: B018 (imports the URLconf and through it every view)
gc.collect()
gc.freeze()
gc.set_threshold(20_000, 20, 20)
