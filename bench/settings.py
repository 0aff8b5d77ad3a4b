"""Settings for the benchmark's commands: the product's settings with the `bench` app installed (for seed_scale) and
the bench's URLs (the product's plus a bare view, the CPU baseline of bench/cpu.py)."""

from equity.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ROOT_URLCONF = "bench.urls"
