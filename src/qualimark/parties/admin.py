"""Staff admin for organisations, their production units, and people with their roles."""

from typing import Any

from django import forms as django_forms
from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from qualimark.journal.admin_mixins import JournalledAdmin
from qualimark.parties import forms
from qualimark.parties.memberships import mixed_roles
from qualimark.parties.models import Organisation, Person, ProductionUnit, Role, Tie


class OrganisationForm(forms.OrganisationForm):
    class Meta(forms.OrganisationForm.Meta):
        fields = (
            *forms.OrganisationForm.Meta.fields,
            "is_inspection_body",
            "is_certification_body",
        )


class ProductionUnitInline(admin.StackedInline[ProductionUnit, Organisation]):
    """A holder's plants, read here: they are added in the back-office, through their
    service (`backoffice:holder-unit-new`)."""

    model = ProductionUnit
    extra = 0
    fields = (("name",), ("street", "postal_code", "town", "country"))
    readonly_fields = ("name", "street", "postal_code", "town", "country")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RoleFormSet(django_forms.BaseInlineFormSet):  # type: ignore[type-arg]
    """A person's roles together: never for a holder and for the body at once."""

    def clean(self) -> None:
        super().clean()
        held = [
            (form.cleaned_data["organisation"], form.cleaned_data["kind"])
            for form in self.forms
            if form.cleaned_data.get("organisation") and not form.cleaned_data.get("DELETE")
        ]
        person = self.instance
        refusal = mixed_roles(person.user if isinstance(person, Person) else None, held)
        if refusal:
            raise django_forms.ValidationError(refusal)


class RoleInline(admin.TabularInline[Role, Person]):
    model = Role
    extra = 1
    autocomplete_fields = ("organisation",)
    formset = RoleFormSet


@admin.register(Organisation)
class OrganisationAdmin(JournalledAdmin[Organisation]):
    public = True
    form = OrganisationForm
    list_display = ("name", "enterprise_number_formatted", "town", "country")
    list_filter = ("country", "is_inspection_body", "is_certification_body")
    search_fields = ("name", "trade_name", "enterprise_number", "town")
    inlines = (ProductionUnitInline,)

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A holder is registered in the back-office, through its service; here the
        # administrator corrects a name or an address (and the change feed follows).
        return False

    @admin.display(description=_("enterprise number"), ordering="enterprise_number")
    def enterprise_number_formatted(self, obj: Organisation) -> str:
        return obj.enterprise_number_display

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Organisation], search_term: str
    ) -> tuple[QuerySet[Organisation], bool]:
        # People search for the number as they read it: 0403.170.701 or BE 0403 170 701.
        compact = "".join(ch for ch in search_term if ch.isdigit())
        results, duplicates = super().get_search_results(request, queryset, search_term)
        if len(compact) in (9, 10):
            results |= queryset.filter(enterprise_number=compact.zfill(10))
        return results, duplicates


@admin.register(Person)
class PersonAdmin(JournalledAdmin[Person]):
    list_display = ("last_name", "first_name", "email", "user")
    search_fields = ("last_name", "first_name", "email")
    list_select_related = ("user",)
    autocomplete_fields = ("user",)
    inlines = (RoleInline,)


@admin.register(Tie)
class TieAdmin(admin.ModelAdmin[Tie]):
    """The ties people declared, for the administrator to read: each person declares and
    ends their own in the back-office, where the change is journalled."""

    list_display = ("user", "organisation", "kind", "valid_from", "valid_until", "declared_at")
    list_filter = ("kind",)
    search_fields = ("user__email", "user__last_name", "organisation__name")
    list_select_related = ("user", "organisation")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Tie | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Tie | None = None) -> bool:
        return False
