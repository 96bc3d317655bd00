"""The Django admin is the administrator's alone: the body's staff work in the back-office,
whose pages never offer them a way into the admin."""

import pytest
from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User


@pytest.mark.parametrize("persona", ["file_manager", "decision_maker", "reviewer", "auditor"])
def test_the_staff_are_not_let_into_the_admin_nor_shown_the_way(
    client: Client, persona: str, request: pytest.FixtureRequest, db: None
) -> None:
    user: User = request.getfixturevalue(persona)
    assert user.is_staff  # the flag alone does not open the admin
    client.force_login(user)
    refused = client.get("/admin/")
    assert refused.status_code == 302
    assert refused["Location"].startswith("/admin/login/")
    assert client.get("/admin/certification/certificate/").status_code == 302
    office = client.get(reverse("backoffice:queue"))
    assert office.status_code == 200
    assert b"/admin/" not in office.content


def test_the_administrator_opens_the_reference_data(client: Client, db: None) -> None:
    admin = User.objects.create_superuser("root@copro.example", "pw")
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    assert b"/admin/" in client.get(reverse("backoffice:queue")).content
