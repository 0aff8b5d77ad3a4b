"""URLs of the tools app."""

app_name = "tools"

urlpatterns: list = []
