"""The form of a reference document's version, shared by the back-office (a file manager
adds one) and the admin (the versions of a document, on its page)."""

from django import forms

from qualimark.schemes.models import DocumentVersion


class DocumentVersionForm(forms.ModelForm[DocumentVersion]):
    class Meta:
        model = DocumentVersion
        fields = (
            "label",
            "valid_from",
            "valid_until",
            "inspections_min_per_year",
            "inspections_max_per_year",
        )

    def _post_clean(self) -> None:
        # DocumentVersion.clean compares the ends of the period. A new row whose start is
        # missing or unreadable has no start to compare, and its field error says enough.
        if "valid_from" in self.errors:
            return
        super()._post_clean()  # type: ignore[misc]
