"""Append-only records: history rows and journal entries are inserted, never changed.

The models that inherit from `AppendOnlyModel` refuse every ORM path that would rewrite
or remove a row (save of an existing row, delete, queryset update/delete, bulk_update).
Rows are added with `create()`, `save()` of a new instance or `bulk_create()`.
"""

from typing import Any, ClassVar, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or remove a record that is kept for good."""


def _refuse(model: type[models.Model]) -> NoReturn:
    raise AppendOnlyError(
        _("%(model)s records are kept for good: they cannot be changed or deleted.")
        % {"model": model._meta.verbose_name_plural}
    )


class AppendOnlyQuerySet(models.QuerySet[Any]):
    def update(self, **kwargs: Any) -> NoReturn:
        _refuse(self.model)

    def delete(self) -> NoReturn:
        _refuse(self.model)

    def bulk_update(self, objs: Any, fields: Any, batch_size: int | None = None) -> NoReturn:
        _refuse(self.model)

    def update_or_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(self.model)


class AppendOnlyModel(models.Model):
    objects: ClassVar[models.Manager[Any]] = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            _refuse(type(self))
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        _refuse(type(self))
