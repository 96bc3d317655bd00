"""A queue of hundreds of items stays usable: counts per kind, filters, pages, files that
are someone's, sorted by date, at the same number of queries however long it is."""

from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification import services as certification
from qualimark.certification.models import Assignment, Certificate
from qualimark.errors import DomainError
from qualimark.oversight.models import Inspection
from qualimark.parties.models import Organisation, RoleKind
from qualimark.parties.roles import system_actor
from qualimark.sanctions.models import ProposalKind
from qualimark.sanctions.services import propose_next_step
from qualimark.schemes.models import Programme, Scheme
from tests.conftest import give_role

from .conftest import TODAY, SignIn, at


def _queue() -> str:
    return reverse("backoffice:queue")


def _propose(certificate: Certificate, count: int, *, start: date = date(2026, 1, 1)) -> None:
    """`count` proposed next steps on `certificate`, one a day from `start`."""
    for number in range(count):
        with at(start + timedelta(days=number)):
            propose_next_step(
                certificate,
                ProposalKind.SANCTION_PROPOSED,
                by=system_actor(),
                text=f"Step {number}",
                source=f"test:{certificate.pk}:{number}",
            )


def _rows(client: Client, **params: Any) -> list[str]:
    response = client.get(_queue(), params)
    assert response.status_code == 200
    return [item.detail for item in response.context["queue"].page.object_list]


def test_a_long_queue_is_paged_and_counted_per_kind(
    sign_in: SignIn, file_manager: User, certified: Certificate
) -> None:
    _propose(certified, 60)
    client = sign_in(file_manager)
    response = client.get(_queue())
    queue = response.context["queue"]
    assert queue.counts["proposals"] == 60
    assert queue.page.paginator.num_pages == 3
    assert len(queue.page.object_list) == 25
    assert b"Page 1 of 3" in response.content
    assert 'data-count="60"' in response.content.decode()

    last = client.get(_queue(), {"kind": "proposals", "page": "3"})
    assert len(last.context["queue"].page.object_list) == 10
    # A page past the end shows the last one rather than an error.
    assert client.get(_queue(), {"page": 99}).context["queue"].page.number == 3
    assert client.get(_queue(), {"page": "x"}).status_code == 200


def test_the_queue_sorts_by_date_either_way(
    sign_in: SignIn, file_manager: User, certified: Certificate
) -> None:
    _propose(certified, 3)
    client = sign_in(file_manager)
    earliest = _rows(client, kind="proposals")
    assert [row.split(": ")[-1] for row in earliest] == ["Step 0", "Step 1", "Step 2"]
    latest = _rows(client, kind="proposals", order="recent")
    assert [row.split(": ")[-1] for row in latest] == ["Step 2", "Step 1", "Step 0"]


def test_a_file_manager_narrows_the_queue_to_the_files_assigned_to_them(
    sign_in: SignIn,
    file_manager: User,
    certified: Certificate,
    certification_body: Organisation,
) -> None:
    colleague = give_role(
        User.objects.create_user("lies@copro.example", "pw", first_name="Lies"),
        certification_body,
        RoleKind.FILE_MANAGER,
    )
    _propose(certified, 2)
    client = sign_in(file_manager)
    # Two proposals and its inspection (due, no regulation sets when), and nothing else.
    assert len(_rows(client)) == 3
    assert _rows(client, mine="on") == []

    response = client.post(
        reverse("backoffice:assign-file", args=(certified.number,)),
        {"file_manager": file_manager.pk},
        follow=True,
    )
    assert b"is assigned to" in response.content
    assert len(_rows(client, mine="on")) == 3
    certification.assign_file(certified, file_manager=colleague, by=file_manager)
    assert _rows(client, mine="on") == []
    page = client.get(reverse("backoffice:file", args=(certified.number,)))
    assert "File manager: Lies" in page.content.decode()


def test_a_mark_and_a_subject_narrow_the_queue(
    sign_in: SignIn,
    file_manager: User,
    certified: Certificate,
    benor: Scheme,
    geotextiles_benor: Programme,
) -> None:
    _propose(certified, 2)
    client = sign_in(file_manager)
    form = client.get(_queue()).context["queue"].filters
    assert [label for _pk, label in form.fields["mark"].choices] == ["all marks", "BENOR"]
    assert len(_rows(client, mark=benor.pk, subject=geotextiles_benor.subject_id)) == 3
    # A mark that no item has is not a choice: the filter is ignored, nothing breaks.
    other = Scheme.objects.create(code="ATG", name="ATG", kind=benor.kind)
    assert len(_rows(client, mark=other.pk)) == 3


def test_an_inspector_keeps_only_the_visits_that_are_late(
    sign_in: SignIn, inspector: User, planned: Inspection, certified: Certificate
) -> None:
    client = sign_in(inspector)
    assert len(_rows(client)) == 1
    assert _rows(client, overdue="on") == []
    with at(TODAY + timedelta(days=3)):
        late = client.get(_queue(), {"overdue": "on"})
        assert [i.late for i in late.context["queue"].page.object_list] == [True]
        assert b"late" in late.content


def test_the_queue_costs_the_same_with_ten_or_a_hundred_items(
    sign_in: SignIn,
    file_manager: User,
    certified: Certificate,
    django_assert_max_num_queries: Any,
) -> None:
    _propose(certified, 10)
    client = sign_in(file_manager)
    with CaptureQueriesContext(connection) as few:
        client.get(_queue(), {"mine": "on", "order": "recent"})
    _propose(certified, 90, start=date(2026, 2, 1))
    with django_assert_max_num_queries(len(few)):
        response = client.get(_queue(), {"mine": "on", "order": "recent"})
    assert response.status_code == 200


def test_only_a_file_manager_may_be_given_a_file_and_only_by_those_who_assign(
    sign_in: SignIn,
    file_manager: User,
    reviewer: User,
    certified: Certificate,
) -> None:
    client = sign_in(reviewer)
    page = client.get(reverse("backoffice:file", args=(certified.number,)))
    assert reverse("backoffice:assign-file", args=(certified.number,)) not in page.content.decode()
    assert (
        client.get(reverse("backoffice:assign-file", args=(certified.number,))).status_code == 403
    )
    denied = client.post(
        reverse("backoffice:assign-file", args=(certified.number,)),
        {"file_manager": file_manager.pk},
    )
    assert denied.status_code == 403
    with pytest.raises(DomainError, match="is not a file manager"):
        certification.assign_file(certified, file_manager=reviewer, by=file_manager)
    client = sign_in(file_manager)
    bad = client.post(
        reverse("backoffice:assign-file", args=(certified.number,)), {"file_manager": "nobody"}
    )
    assert bad.status_code == 200
    assert b"Nothing was recorded" in bad.content
    assert not Assignment.objects.exists()
