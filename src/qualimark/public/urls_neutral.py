from django.urls import URLPattern, URLResolver, path

from qualimark.public.views import neutral, verify

urlpatterns: list[URLPattern | URLResolver] = [
    # The address QR codes and delivery notes carry (see registry.links.verification_path).
    path("v/<str:code>", verify.short_link, name="short-link"),
    path("health", neutral.health, name="health"),
]
