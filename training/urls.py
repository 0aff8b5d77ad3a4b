"""URLs of the training app."""

app_name = "training"

urlpatterns: list = []
