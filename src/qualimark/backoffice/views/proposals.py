"""A datasheet proposal of a holder, compared with the version in force, to publish or send back."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.access.visible import visible_certificates
from qualimark.backoffice.forms import PublishProposalForm, SendBackForm
from qualimark.backoffice.views.common import acting_user, submitted
from qualimark.datasheets.characteristics import described
from qualimark.datasheets.lifecycle import PROPOSAL
from qualimark.datasheets.models import DatasheetProposal, DatasheetVersion
from qualimark.datasheets.permissions import file_standing
from qualimark.signin.decorators import office_required


@dataclass(frozen=True)
class Row:
    """One characteristic, as proposed and as in force (empty when it is not there)."""

    name: str
    proposed: str
    in_force: str

    @property
    def changed(self) -> bool:
        return self.proposed != self.in_force


def _value(item: dict[str, Any] | None) -> str:
    return "" if item is None else described(item)


def compare(proposed: list[dict[str, Any]], in_force: list[dict[str, Any]]) -> list[Row]:
    """The proposed characteristics beside those in force, by name, in the proposal's order."""
    current = {str(item.get("name", "")): item for item in in_force}
    rows = [
        Row(str(item.get("name", "")), _value(item), _value(current.get(str(item.get("name", "")))))
        for item in proposed
    ]
    named = {row.name for row in rows}
    rows += [Row(name, "", _value(item)) for name, item in current.items() if name not in named]
    return rows


def _proposal(request: HttpRequest, proposal_id: int) -> DatasheetProposal:
    """The proposal, if the user sees its file; 404 otherwise (no leak of existence)."""
    proposal = (
        DatasheetProposal.objects.filter(
            pk=proposal_id, certificate__in=visible_certificates(acting_user(request))
        )
        .select_related(
            "certificate__holder", "datasheet", "proposed_by", "reviewed_by", "published_version"
        )
        .first()
    )
    if proposal is None:
        raise Http404(_("No such proposal."))
    return proposal


def _in_force(proposal: DatasheetProposal) -> DatasheetVersion | None:
    if proposal.datasheet is None:
        return None
    version_id = proposal.datasheet.state_on(clock.today()).version_id
    return DatasheetVersion.objects.filter(pk=version_id).first() if version_id else None


@office_required
def proposal_page(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = _proposal(request, proposal_id)
    if request.method == "POST":
        return _review(request, proposal)
    return _page(
        request,
        proposal,
        PublishProposalForm(prefix="publish"),
        SendBackForm(prefix="send_back"),
    )


def _review(request: HttpRequest, proposal: DatasheetProposal) -> HttpResponse:
    """Publish or send back through the service, which refuses whoever may not review."""
    publish_form = PublishProposalForm(prefix="publish")
    send_back_form = SendBackForm(prefix="send_back")
    if "publish" in request.POST:
        publish_form = PublishProposalForm(request.POST, prefix="publish")
        done = submitted(
            request,
            publish_form,
            lambda by: publish_form.publish(proposal, by=by),
            lambda version: (
                _("Datasheet %(code)s version %(number)s is published.")
                % {"code": version.datasheet.quick_code, "number": version.number}
            ),
        )
    else:
        send_back_form = SendBackForm(request.POST, prefix="send_back")
        done = submitted(
            request,
            send_back_form,
            lambda by: send_back_form.send_back(proposal, by=by),
            lambda _proposal: _("The proposal is sent back to the holder."),
        )
    if done:
        return HttpResponseRedirect(reverse("backoffice:file", args=(proposal.certificate.number,)))
    return _page(request, proposal, publish_form, send_back_form)


def _page(
    request: HttpRequest,
    proposal: DatasheetProposal,
    publish_form: PublishProposalForm,
    send_back_form: SendBackForm,
) -> HttpResponse:
    # The forms are shown to whoever may review the proposal while it is open.
    standing = file_standing(acting_user(request), proposal.certificate)
    reviewing = bool(PROPOSAL.open_to(proposal.status, standing))
    in_force = _in_force(proposal)
    return render(
        request,
        "backoffice/proposal.html",
        {
            "proposal": proposal,
            "in_force": in_force,
            "rows": compare(proposal.characteristics, in_force.characteristics if in_force else []),
            "reviewing": reviewing,
            # A refusal of a proposal no longer open: its forms are gone, its message stays.
            "refusals": [*publish_form.non_field_errors(), *send_back_form.non_field_errors()],
            "publish_form": publish_form,
            "send_back_form": send_back_form,
        },
    )
