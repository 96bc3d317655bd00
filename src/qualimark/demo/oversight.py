"""The demo's external oversight, complaints and appeals, written through the services.

The rest of the demo is history as it stood on `ANCHOR`; oversight is work in progress,
so it is placed around the day the demo is built (`reference_day`): a comment window is
open when you look, a suspension is in force, an appeal waits for its last votes. Every
step goes through the same services as the staff's, on the clock of its own day, so
reports are real PDFs, e-mails are written (to var/mail with the default settings) and
the journal tells the story.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import partial
from random import Random
from typing import TypeVar

from django.utils.translation import gettext as _

from qualimark import clock
from qualimark.accounts.models import User
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.certification.services import EvidenceLink
from qualimark.complaints import appeals
from qualimark.complaints import services as complaints
from qualimark.complaints.models import Appeal, AppealCommitteeMember, Complaint, SubjectKind
from qualimark.complaints.votes import Ballot, Constituency
from qualimark.demo.histories import ANCHOR
from qualimark.demo.inspections import Bodies, write_last_inspections
from qualimark.demo.pdfs import one_page_pdf
from qualimark.demo.rows import BRUSSELS, Staff
from qualimark.lots import services as lots
from qualimark.lots.models import (
    ContactRole,
    InspectionDocumentKind,
    LotInspectionRequest,
    QuantityUnit,
)
from qualimark.oversight import planning, reports, services
from qualimark.oversight.daily import run_daily
from qualimark.oversight.evaluation import ActionPlan, Conclusion, evaluate_report
from qualimark.oversight.models import (
    ConclusionKind,
    FindingKind,
    Inspection,
    InspectionBody,
    Measure,
)
from qualimark.parties.models import Organisation, Person, Role, RoleKind, TieKind
from qualimark.parties.ties import declare_tie
from qualimark.sanctions.models import Sanction, SanctionKind
from qualimark.sanctions.services import impose_sanction
from qualimark.schemes.models import DocumentKind, DocumentVersion, Kind, Programme
from qualimark.workdays import add_working_days, subtract_working_days

T = TypeVar("T")

COMMITTEE = (
    ("Ir. Hilde Verbeke", "Agentschap Wegen en Verkeer", Constituency.PUBLIC_INSTITUTION),
    ("Ir. Luc Lambert", "SPW Mobilité et Infrastructures", Constituency.PUBLIC_INSTITUTION),
    ("Karel Goossens", "Bouwunie", Constituency.USER),
    ("Sophie Leclercq", "Confédération Construction", Constituency.USER),
)

OBSERVATIONS = {
    FindingKind.CONFORMITY: "Productiecontrole en registers in orde.",
    FindingKind.REMARK: "Kalibratie van de trekbank vervalt volgende maand.",
    FindingKind.MINOR: "Twee leveringsbonnen vermelden de snelcode niet.",
    FindingKind.MAJOR: "Geen trekproeven geregistreerd voor zes opeenvolgende loten.",
}


def reference_day() -> date:
    """The day the live cases are placed around: today, but never before the history."""
    return max(clock.today(), ANCHOR)


@dataclass
class _Context:
    staff: Staff
    rng: Random
    day: date
    bodies: Bodies


def write_oversight(staff: Staff, seed: int, say: Callable[[str], None]) -> None:
    """Inspection bodies, a season of inspections, sanctions, a complaint and appeals."""
    rng = Random(f"qualimark-demo/oversight/{seed}")
    context = _Context(staff, rng, reference_day(), Bodies(_write_bodies()))
    files = _files_under_oversight(context)
    if len(files) < 9:
        say(_("Too few files under oversight for the demo's inspections: skipped."))
        return
    write_last_inspections(rng, context.day, context.bodies, staff, skip={f.pk for f in files})
    _past_inspections(context, files[:-8])
    _open_windows(context, files[-8:-5])
    suspended = _suspension(context, files[-5])
    _stricter_oversight(context, files[-4])
    _appeals(context, suspended, files[-3])
    _complaints(context, files[-2])
    _lots(context, _geotextiles() or files[-1].programme)
    _tie(context, files[0].holder)
    _at(context.day, 7, lambda: run_daily(context.day))
    say(
        _("%(inspections)s inspections, %(sanctions)s sanctions, complaints and appeals written.")
        % {"inspections": Inspection.objects.count(), "sanctions": Sanction.objects.count()}
    )


def _at(day: date, hour: int, step: Callable[[], T]) -> T:
    """Run a step on the clock of `day` at `hour`, Brussels time."""
    with clock.frozen_at(datetime.combine(day, time(hour), tzinfo=BRUSSELS)):
        return step()


def _write_bodies() -> list[InspectionBody]:
    """One inspection body per demo body, its inspectors given (password-less) accounts."""
    programmes = list(Programme.objects.select_related("subject"))
    bodies = []
    for organisation in Organisation.objects.filter(is_inspection_body=True).order_by("id"):
        body = InspectionBody.objects.create(
            name=organisation.name,
            is_certification_body=organisation.is_certification_body,
            contract_reference="" if organisation.is_certification_body else f"C-{organisation.pk}",
            email=f"planning@{organisation.pk}.inspect.example",
        )
        body.inspectors.set(_inspector_accounts(organisation))
        executions = organisation.town == "Namur"  # the road works body
        body.programmes.set(
            p
            for p in programmes
            if organisation.is_certification_body
            or (p.subject.kind == Kind.EXECUTION) == executions
        )
        bodies.append(body)
    return bodies


def _inspector_accounts(organisation: Organisation) -> list[User]:
    people = Person.objects.filter(
        roles__organisation=organisation, roles__kind=RoleKind.INSPECTOR
    ).order_by("id")
    return [_account(person) for person in people]


def _account(person: Person) -> User:
    """The person's account, made password-less if they have none (log in as admin)."""
    if person.user is None:
        person.user = User.objects.create_user(
            person.email, None, first_name=person.first_name, last_name=person.last_name
        )
        person.save(update_fields=["user"])
    return person.user


def _files_under_oversight(context: _Context) -> list[Certificate]:
    """Product files certified on the day, quiet for two months, with a PTV and a frequency."""
    quiet_since = context.day - timedelta(days=60)
    candidates = (
        Certificate.objects.filter(production_unit__isnull=False)
        .exclude(decisions__effective__gt=quiet_since)
        .select_related("programme__subject", "holder")
        .prefetch_related("status_periods")
        .order_by("id")
    )
    chosen = []
    for certificate in candidates.iterator(chunk_size=500):
        if certificate.status_on(context.day) != Status.CERTIFIED:
            continue
        programme = certificate.programme
        if (
            programme.inspection_frequency_on(context.day)
            and _requirement(programme, context.day)
            and bool(reports.report_recipients(certificate.holder))
            and context.bodies.for_programme(programme)
        ):
            chosen.append(certificate)
        if len(chosen) == 48:
            break
    return chosen


def _requirement(programme: Programme, day: date) -> DocumentVersion | None:
    versions = programme.versions_on(day)
    preferred = [v for v in versions if v.document.kind == DocumentKind.PTV]
    return (preferred or versions)[0] if versions else None


def _inspect(
    context: _Context, certificate: Certificate, visited_on: date, kinds: list[FindingKind]
) -> Inspection:
    """Plan, carry out and report an inspection visited on `visited_on` (not yet sent)."""
    body = context.bodies.for_programme(certificate.programme)
    assert body is not None  # chosen files have one
    inspector = context.bodies.inspector_for(body, certificate)
    planned_on = subtract_working_days(visited_on, 3)
    inspection = _at(
        planned_on,
        9,
        lambda: planning.plan_inspection(
            certificate,
            by=context.staff.file_manager,
            body=body,
            inspector=inspector,
            planned_on=visited_on,
        ),
    )
    requirement = _requirement(certificate.programme, visited_on)

    def visit() -> None:
        services.carry_out_inspection(
            inspection,
            by=inspector,
            visited_on=visited_on,
            summary="Onaangekondigd bezoek: productie, laboratorium en registers.",
        )
        for number, kind in enumerate(kinds, start=1):
            services.add_finding(
                inspection,
                by=inspector,
                kind=kind,
                observation=OBSERVATIONS[kind],
                requirement=requirement,
                clause=f"{4 + number}.2",
                requirement_text="Fabriekscontrole volgens het toepassingsreglement.",
            )

    _at(visited_on, 15, visit)
    return inspection


def _send(context: _Context, inspection: Inspection, on: date) -> None:
    _at(on, 10, lambda: reports.send_report(inspection, by=context.staff.file_manager))


def _evaluate(
    context: _Context,
    inspection: Inspection,
    *,
    measure: Measure = Measure.NONE,
    actions: tuple[ActionPlan, ...] = (),
) -> None:
    deadline = inspection.comment_deadline
    assert deadline is not None
    nonconformities = inspection.findings.exclude(
        kind__in=(FindingKind.CONFORMITY, FindingKind.REMARK)
    )
    _at(
        add_working_days(deadline, 1),
        11,
        lambda: evaluate_report(
            inspection,
            by=context.staff.reviewer,
            conclusions={f: Conclusion(ConclusionKind.CONFIRMED) for f in nonconformities},
            measure=measure,
            corrective_actions=actions,
            note="Beoordeeld na afloop van de commentaartermijn.",
        ),
    )


def _past_inspections(context: _Context, files: list[Certificate]) -> None:
    """Reports of the last weeks: evaluated, some with a corrective action (one overdue),
    and the last two waiting for their evaluation, one with the holder's comment."""
    waiting = len(files) - 2
    for number, certificate in enumerate(files):
        visited_on = subtract_working_days(context.day, 12 + number % 25)
        kinds = [FindingKind.CONFORMITY] if number % 3 else [FindingKind.REMARK, FindingKind.MINOR]
        inspection = _inspect(context, certificate, visited_on, kinds)
        _send(context, inspection, add_working_days(visited_on, 1))
        if number == waiting:
            _comment(inspection, add_working_days(visited_on, 3))
        if number >= waiting:
            continue  # its window closed: a reviewer's to evaluate
        if number % 3:
            _evaluate(context, inspection)
            continue
        due_on = context.day + timedelta(days=(-3 if number == 0 else 30))
        minor = inspection.findings.get(kind=FindingKind.MINOR)
        action = ActionPlan("Snelcode op alle leveringsbonnen vermelden.", due_on, minor)
        _evaluate(context, inspection, measure=Measure.CORRECTIVE_ACTION, actions=(action,))


def _open_windows(context: _Context, files: list[Certificate]) -> None:
    """Reports sent yesterday: the holders may still comment; one already did."""
    sent_on = subtract_working_days(context.day, 1)
    for number, certificate in enumerate(files):
        visited_on = subtract_working_days(sent_on, 2)
        inspection = _inspect(context, certificate, visited_on, [FindingKind.MINOR])
        _send(context, inspection, sent_on)
        if number == 0:
            _comment(inspection, sent_on)


def _comment(inspection: Inspection, on: date) -> None:
    """The holder's contact answers the report, with the corrected delivery notes."""
    certificate = inspection.certificate
    _at(
        on,
        16,
        partial(
            reports.comment_on_report,
            inspection,
            by=_holder_user(certificate.holder),
            text="De ontbrekende snelcodes zijn intussen op de bonnen aangevuld.",
            attachments=[
                one_page_pdf(
                    "Leveringsbonnen met snelcode",
                    f"{certificate.holder.name} – {certificate.number}",
                )
            ],
        ),
    )


def _tie(context: _Context, holder: Organisation) -> None:
    """The reviewer worked for one of the holders until two years ago: she says so, and from
    then on evaluates none of its reports."""
    _at(
        context.day - timedelta(days=90),
        9,
        lambda: declare_tie(
            by=context.staff.reviewer,
            organisation=holder,
            kind=TieKind.FORMER_EMPLOYER,
            valid_from=context.day - timedelta(days=90),
            description="Kwaliteitsverantwoordelijke tot twee jaar geleden.",
        ),
    )


def _holder_user(holder: Organisation) -> User:
    """The account of the holder's contact person, who administers its portal account."""
    person = Person.objects.filter(roles__organisation=holder).order_by("id").first()
    assert person is not None
    Role.objects.get_or_create(
        person=person, organisation=holder, kind=RoleKind.HOLDER_ADMINISTRATOR
    )
    return _account(person)


def _suspension(context: _Context, certificate: Certificate) -> Sanction:
    """A major nonconformity, evaluated, and the suspension a decision maker imposed."""
    visited_on = subtract_working_days(context.day, 20)
    inspection = _inspect(context, certificate, visited_on, [FindingKind.MAJOR])
    _send(context, inspection, add_working_days(visited_on, 1))
    _evaluate(context, inspection, measure=Measure.SANCTION)
    start = subtract_working_days(context.day, 5)
    sanction = _at(
        start,
        14,
        lambda: impose_sanction(
            certificate,
            SanctionKind.SUSPENSION,
            by=context.staff.decision_maker,
            reason=f"Majeure non-conformiteit niet gecorrigeerd (verslag {inspection.reference}).",
            effective=start,
            evidence=[
                EvidenceLink(record=inspection),
                EvidenceLink(record=inspection.evaluation),
                EvidenceLink(
                    upload=one_page_pdf(
                        f"Aangetekende brief {inspection.reference}",
                        f"{certificate.holder.name} – {certificate.number}",
                    )
                ),
            ],
        ),
    )
    return sanction


def _stricter_oversight(context: _Context, certificate: Certificate) -> None:
    low, _high = certificate.programme.inspection_frequency_on(context.day) or (4, 4)
    start = subtract_working_days(context.day, 15)
    _at(
        start,
        14,
        lambda: impose_sanction(
            certificate,
            SanctionKind.STRICTER_OVERSIGHT,
            by=context.staff.decision_maker,
            reason="Herhaalde kleine non-conformiteiten: verscherpt toezicht voor zes maanden.",
            effective=start,
            until=start + timedelta(days=182),
            inspections_per_year=low * 2,
        ),
    )


def _committee() -> list[AppealCommitteeMember]:
    return [
        AppealCommitteeMember.objects.create(name=name, organisation=body, constituency=side)
        for name, body, side in COMMITTEE
    ]


def _appeals(context: _Context, suspended: Sanction, other: Certificate) -> None:
    """An appeal against the running suspension, waiting for two votes; one decided."""
    members = _committee()
    lodged = subtract_working_days(context.day, 2)
    pending = _at(
        lodged,
        10,
        lambda: appeals.lodge_appeal(
            by=context.staff.file_manager,
            appellant=suspended.certificate.holder,
            sanction=suspended,
            grounds="De loten zijn intussen getest; de schorsing is buiten verhouding.",
            lodged_on=lodged,
        ),
    )
    _seat_and_vote(context, pending, members, lodged, [Ballot.UPHOLD, Ballot.REVERSE])
    _decided_appeal(context, other, members)


def _seat_and_vote(
    context: _Context,
    appeal: Appeal,
    members: list[AppealCommitteeMember],
    day: date,
    ballots: list[Ballot],
) -> None:
    def sit() -> None:
        appeals.seat_committee(appeal, members, by=context.staff.file_manager)
        for member, ballot in zip(members, ballots, strict=False):
            appeals.record_vote(appeal, member, ballot, by=context.staff.file_manager)

    _at(day, 15, sit)


def _decided_appeal(
    context: _Context, certificate: Certificate, members: list[AppealCommitteeMember]
) -> None:
    """A suspension of a month ago, annulled on appeal last week (2 against 2, the public
    institutions on the side of the holder)."""
    start = subtract_working_days(context.day, 25)
    suspension = _at(
        start,
        14,
        lambda: impose_sanction(
            certificate,
            SanctionKind.SUSPENSION,
            by=context.staff.decision_maker,
            reason="Vermoeden van gebruik van het merk op niet-gecertificeerde loten.",
            effective=start,
        ),
    )
    lodged = add_working_days(start, 2)
    appeal = _at(
        lodged,
        10,
        lambda: appeals.lodge_appeal(
            by=context.staff.file_manager,
            appellant=certificate.holder,
            sanction=suspension,
            grounds="De betwiste loten droegen het merk niet; zie de leveringsbonnen.",
            lodged_on=lodged,
        ),
    )
    ballots = [Ballot.REVERSE, Ballot.REVERSE, Ballot.UPHOLD, Ballot.UPHOLD]
    decided_on = subtract_working_days(context.day, 5)
    _seat_and_vote(context, appeal, members, decided_on, ballots)
    _at(
        decided_on,
        16,
        lambda: appeals.decide_appeal(
            appeal,
            by=context.staff.appeals_decision_maker,
            reason="Beroepscommissie: de schorsing wordt herroepen.",
        ),
    )


def _complaints(context: _Context, certificate: Certificate) -> None:
    """A complaint about a certified product under investigation, and a misuse of a mark."""
    received = subtract_working_days(context.day, 8)
    for complainant, subject, text in _complaint_cases(certificate):
        complaint = _at(
            received,
            11,
            partial(
                complaints.register_complaint,
                by=context.staff.file_manager,
                complainant=complainant,
                subject=subject,
                description=text,
            ),
        )
        _at(add_working_days(received, 2), 10, partial(_investigate, context, complaint))


def _investigate(context: _Context, complaint: Complaint) -> None:
    complaints.declare_admissible(
        complaint,
        by=context.staff.file_manager,
        reason="Schriftelijk, ondertekend en binnen de bevoegdheid van de certificatie-instelling.",
    )
    complaints.start_investigation(
        complaint,
        by=context.staff.decision_maker,
        notes="Staalname op de werf gepland.",
    )


def _complaint_cases(
    certificate: Certificate,
) -> Iterator[tuple[complaints.Complainant, complaints.Subject, str]]:
    yield (
        complaints.Complainant(
            name="Pieter Janssens",
            organisation="Aannemingen Janssens",
            email="pieter@janssens-bouw.example",
            anonymous_towards_holder=True,
        ),
        complaints.Subject(SubjectKind.CERTIFIED_PRODUCT, certificate=certificate),
        "Geleverde rollen halen de opgegeven treksterkte niet (eigen proef op de werf).",
    )
    yield (
        complaints.Complainant(name="Marie Dubois", email="marie.dubois@example.org"),
        complaints.Subject(
            SubjectKind.MARK_MISUSE,
            company_name="Geo-Import Trading",
            company_enterprise_number="0403.170.701",
        ),
        "Verpakkingen met het BENOR-logo van een firma die geen certificaat heeft.",
    )


def _geotextiles() -> Programme | None:
    return (
        Programme.objects.filter(subject__code="geotextiles", scheme__kind=Kind.PRODUCT)
        .select_related("scheme", "subject")
        .first()
    )


def _lots(context: _Context, programme: Programme) -> None:
    """Four lot inspections: one conform (a verifiable code), one refused, one inspected whose
    outcome waits, one requested."""
    inspector = context.bodies.crew(context.bodies.all[0])[0]
    cases = [
        (12, "Geotextiel scheidingslaag, rollen 5,25 × 100 m", Decimal("4200"), "conform"),
        (9, "Geotextiel filterlaag, rollen 4 × 50 m", Decimal("1600"), "refused"),
        (4, "Geotextiel drainagelaag, rollen 4 × 100 m", Decimal("1800"), "inspected"),
        (2, "Geotextiel wapening, rollen 5 × 50 m", Decimal("2500"), "requested"),
    ]
    for days_ago, product, quantity, outcome in cases:
        requested_on = subtract_working_days(context.day, days_ago)
        request = _at(
            requested_on,
            9,
            partial(
                lots.request_lot_inspection,
                by=context.staff.file_manager,
                scheme=programme.scheme,
                subject=programme.subject,
                product=product,
                quantity=quantity,
                unit=QuantityUnit.SQUARE_METRES,
                street="Kaaiweg 3",
                postal_code="9042",
                town="Gent",
                requester_name="Wegenbouw Verstraete",
                requester_email="werf@verstraete.example",
                contacts=[
                    lots.ContactDetails(ContactRole.INSPECTION_SITE, "Tom Verstraete"),
                    lots.ContactDetails(ContactRole.CLIENT, "Stad Gent, dienst Wegen"),
                ],
                requested_on=requested_on,
            ),
        )
        if outcome != "requested":
            _inspect_lot(context, request, inspector, requested_on, outcome)


def _inspect_lot(
    context: _Context,
    request: LotInspectionRequest,
    inspector: User,
    requested_on: date,
    outcome: str,
) -> None:
    inspected_on = add_working_days(requested_on, 3)
    _at(
        add_working_days(requested_on, 1),
        10,
        partial(
            lots.plan_lot_inspection,
            request,
            by=context.staff.file_manager,
            inspector=inspector,
            planned_on=inspected_on,
        ),
    )
    if outcome == "inspected":
        return  # the inspector was there; the office has yet to issue the outcome
    document = lots.InspectionDocument(InspectionDocumentKind.SPECIAL_SPECIFICATION, "SB 260")
    if outcome == "conform":
        step: Callable[[], object] = partial(
            lots.record_lot_conformity,
            request,
            by=context.staff.file_manager,
            document=document,
            lot_identification=f"LOT-{request.reference}",
            inspected_on=inspected_on,
        )
    else:
        step = partial(
            lots.refuse_lot,
            request,
            by=context.staff.file_manager,
            failed=[
                lots.FailedCheck("Treksterkte (EN ISO 10319)", ">= 16 kN/m", "13,8 kN/m"),
                lots.FailedCheck("Karakteristieke opening (EN ISO 12956)", "<= 90 µm", "118 µm"),
            ],
            inspected_on=inspected_on,
            document=document,
            lot_identification=f"LOT-{request.reference}",
        )
    _at(add_working_days(inspected_on, 1), 11, step)
