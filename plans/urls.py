"""URLs of the plans app."""

app_name = "plans"

urlpatterns: list = []
