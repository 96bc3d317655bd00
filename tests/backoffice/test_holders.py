"""A file manager registers a holder whose application came on paper, adds its plant and
opens its file; the other staff and the auditor read the register of holders."""

from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from qualimark.accounts.models import User
from qualimark.certification.lifecycle import Status
from qualimark.certification.models import Certificate
from qualimark.parties.models import Organisation, ProductionUnit
from qualimark.schemes.models import Programme

from .conftest import TODAY, SignIn


def test_a_file_manager_registers_a_holder_adds_its_plant_and_opens_its_file(
    sign_in: SignIn, file_manager: User, geotextiles_benor: Programme
) -> None:
    client = sign_in(file_manager)
    holders = client.get(reverse("backoffice:holders"))
    assert reverse("backoffice:holder-new").encode() in holders.content

    registered = client.post(
        reverse("backoffice:holder-new"),
        {
            "name": "Betonwerken Maes",
            "enterprise_number": "0403.170.701",
            "country": "BE",
            "street": "Kaai 4",
            "postal_code": "2000",
            "town": "Antwerpen",
        },
        follow=True,
    )
    assert b"Betonwerken Maes is registered." in registered.content
    holder = Organisation.objects.get(name="Betonwerken Maes")
    assert holder.enterprise_number == "0403170701"

    client.post(
        reverse("backoffice:holder-unit-new", args=(holder.pk,)),
        {
            "name": "Plant Hoboken",
            "street": "Dok 1",
            "postal_code": "2660",
            "town": "Hoboken",
            "country": "BE",
        },
    )
    unit = ProductionUnit.objects.get(organisation=holder)
    opened = client.post(
        reverse("backoffice:holder-file-new", args=(holder.pk,)),
        {
            "programme": geotextiles_benor.pk,
            "production_unit": unit.pk,
            "applied_on": TODAY.isoformat(),
        },
        follow=True,
    )
    certificate = Certificate.objects.get(holder=holder)
    assert opened.redirect_chain[-1][0] == reverse("backoffice:file", args=(certificate.number,))
    assert b"the application is received" in opened.content
    assert certificate.status_on(TODAY) == Status.APPLIED
    page = client.get(reverse("backoffice:holder", args=(holder.pk,)))
    assert certificate.number.encode() in page.content
    assert b"Plant Hoboken" in page.content


def test_a_wrong_enterprise_number_or_a_duplicate_is_an_error_not_a_holder(
    sign_in: SignIn, file_manager: User, holder: Organisation
) -> None:
    client = sign_in(file_manager)
    wrong = client.post(
        reverse("backoffice:holder-new"),
        {"name": "Typo NV", "enterprise_number": "0403.170.702", "country": "BE"},
    )
    assert wrong.status_code == 200
    assert b"Nothing was recorded" in wrong.content
    twice = client.post(
        reverse("backoffice:holder-new"),
        {"name": "Again", "enterprise_number": holder.enterprise_number, "country": "BE"},
    )
    assert b"Nothing was recorded" in twice.content
    assert not Organisation.objects.filter(name__in=["Typo NV", "Again"]).exists()


def test_the_auditor_reads_the_holders_but_registers_nothing(
    sign_in: SignIn, auditor: User, holder: Organisation, certified: Certificate
) -> None:
    client = sign_in(auditor)
    found = client.get(reverse("backoffice:holders"), {"q": holder.enterprise_number_display})
    assert holder.name.encode() in found.content
    assert reverse("backoffice:holder-new").encode() not in found.content
    page = client.get(reverse("backoffice:holder", args=(holder.pk,)))
    assert certified.number.encode() in page.content
    for name in ("backoffice:holder-unit-new", "backoffice:holder-file-new"):
        assert reverse(name, args=(holder.pk,)).encode() not in page.content
        assert client.get(reverse(name, args=(holder.pk,))).status_code == 403
    assert client.get(reverse("backoffice:holder-new")).status_code == 403


def test_an_inspector_does_not_see_the_register_of_holders(
    sign_in: SignIn, inspector: User, body: Any, holder: Organisation
) -> None:
    client = sign_in(inspector)
    assert client.get(reverse("backoffice:holders")).status_code == 404
    assert client.get(reverse("backoffice:holder", args=(holder.pk,))).status_code == 404


def test_the_register_of_holders_costs_the_same_for_ten_or_sixty(
    sign_in: SignIn, file_manager: User, django_assert_max_num_queries: Any
) -> None:
    def add(start: int, count: int) -> None:
        Organisation.objects.bulk_create(
            Organisation(name=f"Holder {n:03d}", country="NL") for n in range(start, start + count)
        )

    add(0, 10)
    client = sign_in(file_manager)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("backoffice:holders"))
    add(10, 50)
    with django_assert_max_num_queries(len(few)):
        page = client.get(reverse("backoffice:holders"), {"page": "2"})
    assert b"Page 2 of 2" in page.content
