"""Reference data edited in the admin is journalled like everything else.

The journal is the registry's record of who changed what, and its newest entry dates the
public registry for caching (`registry.freshness`): an edit that left no entry would be
invisible to both.
"""

from typing import Any, TypeVar

from django.contrib import admin
from django.db import models, transaction
from django.http import HttpRequest

from qualimark.accounts.models import User
from qualimark.feed import services as feed
from qualimark.journal.services import record

M = TypeVar("M", bound=models.Model)


def _actor(request: HttpRequest) -> User | None:
    return request.user if isinstance(request.user, User) else None


class JournalledAdmin(admin.ModelAdmin[M]):
    # Whether what the public registry says changes with the object (a holder's or a
    # mark's name): its changes then go to the change feed too, for the read side.
    public = False

    def save_model(self, request: HttpRequest, obj: M, form: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            action = "changed" if change else "added"
            fields = sorted(form.changed_data) if form is not None else []
            record(
                f"{obj._meta.model_name}.{action}",
                obj,
                actor=_actor(request),
                data={"fields": fields},
            )
            if self.public and change and fields:
                feed.append(f"{obj._meta.model_name}.changed", obj, data={"fields": fields})

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        with transaction.atomic():
            super().save_related(request, form, formsets, change)
            if any(formset.has_changed() for formset in formsets):
                record(
                    f"{form.instance._meta.model_name}.details_changed",
                    form.instance,
                    actor=_actor(request),
                )

    def delete_model(self, request: HttpRequest, obj: M) -> None:
        with transaction.atomic():
            record(f"{obj._meta.model_name}.deleted", obj, actor=_actor(request))
            super().delete_model(request, obj)
