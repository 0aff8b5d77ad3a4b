"""City-scale seeders for `manage.py seed_scale` (bench settings): `core` first, then one module per app.

Each app module has `seed(city: ScaleCity) -> str` (a summary line) and `reset()`. APP_SEEDERS is the one list of
them, in dependency order; `seed_scale --reset` runs it backwards.
"""

from __future__ import annotations

from types import ModuleType

from bench.scale import library, plans, reports, tools, training

APP_SEEDERS: list[ModuleType] = [plans, tools, training, library, reports]
