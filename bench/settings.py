"""Settings for the benchmark's commands: the product's settings with the `bench` app installed (for seed_scale)."""

from equity.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
