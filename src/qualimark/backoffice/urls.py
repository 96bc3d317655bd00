from django.urls import URLPattern, URLResolver

app_name = "backoffice"
urlpatterns: list[URLPattern | URLResolver] = []
