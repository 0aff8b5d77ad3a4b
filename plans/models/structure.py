"""The parts of a plan's structure shared by results, outcomes and actions: a reference code and its sort key."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from plans.codes import CODE_MAX_LENGTH, NO_CODE_KEY, SORT_KEY_MAX_LENGTH, code_sort_key


class Coded(models.Model):
    """A reference code as the plan writes it ("1.3.2", "A-4") and its natural sort key, computed on every save."""

    code = models.CharField(
        _("code"),
        max_length=CODE_MAX_LENGTH,
        blank=True,
        help_text=_("Optional reference code, for example 1.3 or A-4; at most 20 characters."),
    )
    code_key = models.CharField(
        _("code sort key"), max_length=SORT_KEY_MAX_LENGTH, default=NO_CODE_KEY, editable=False, db_index=True
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.code_key = code_sort_key(self.code)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "code" in update_fields:
            kwargs["update_fields"] = {*update_fields, "code_key"}
        super().save(*args, **kwargs)
