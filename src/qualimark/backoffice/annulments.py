"""Annulments on appeal as the back-office shows them: the annulment names the decision it
annuls and its appeal ("annuls … (appeal B-2026-0001)"), the annulled decision is marked
("annulled on appeal B-2026-0001 on …") with a link to its annulment."""

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from qualimark.certification.models import Decision
from qualimark.complaints.models import Appeal


def with_annulments(decisions: QuerySet[Decision]) -> QuerySet[Decision]:
    """`decisions` with what `annulment_note` reads, in the same query: the decision each
    annuls, its annulment, and the references of the appeals behind them."""
    appeals = Appeal.objects.values("reference")
    return decisions.select_related("annuls", "annulment").annotate(
        appeal_of_annulment=Subquery(appeals.filter(reversal=OuterRef("pk"))[:1]),
        appeal_annulling=Subquery(appeals.filter(reversal__annuls=OuterRef("pk"))[:1]),
    )


def anchor(decision: Decision) -> str:
    """The id of the decision's row on a page that lists decisions."""
    return f"decision-{decision.pk}"


def annulment_note(decision: Decision) -> tuple[str, str]:
    """What to say of an annulment or of an annulled decision of `with_annulments`, and the
    anchor of the other one ("", "" for any other decision)."""
    annuls = decision.annuls
    if annuls is not None:
        reference = getattr(decision, "appeal_of_annulment", None)
        values = {
            "decision": annuls.get_transition_display(),
            "date": date_format(annuls.effective),
            "reference": reference,
        }
        text = (
            _("Annuls the decision to %(decision)s of %(date)s (appeal %(reference)s).")
            if reference
            else _("Annuls the decision to %(decision)s of %(date)s.")
        )
        return text % values, f"#{anchor(annuls)}"
    annulment = decision.annulled_by
    if annulment is not None:
        reference = getattr(decision, "appeal_annulling", None)
        values = {
            "date": date_format(timezone.localdate(annulment.decided_at)),
            "reference": reference,
        }
        text = (
            _("Annulled on appeal %(reference)s on %(date)s.")
            if reference
            else _("Annulled on appeal on %(date)s.")
        )
        return text % values, f"#{anchor(annulment)}"
    return "", ""
