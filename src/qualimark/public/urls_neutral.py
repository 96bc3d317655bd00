from django.urls import URLPattern, URLResolver, path

from qualimark.public.views import neutral, opendata, verify

urlpatterns: list[URLPattern | URLResolver] = [
    # The address QR codes and delivery notes carry (see qualimark.links.verification_path).
    path("v/<str:code>", verify.short_link, name="short-link"),
    # The files of the last open-data export, the same in every language.
    path("open-data/<str:filename>", opendata.open_data_file, name="open-data-file"),
    path("health", neutral.health, name="health"),
    path("health/db", neutral.health_db, name="health-db"),
]
