"""The portal and the office guard their pages; the admin asks for the second factor too."""

from typing import Any

from django.test import Client
from django.urls import reverse

from qualimark.accounts.models import User
from tests.signin.conftest import PASSWORD, app_for, code


def test_an_anonymous_visitor_is_sent_to_login_and_back(client: Client, db: None) -> None:
    for url in (reverse("portal:home"), reverse("backoffice:queue")):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("signin:login") + "?next=")


def test_a_holder_user_is_refused_the_office_with_a_page(
    client: Client, holder_member: User
) -> None:
    client.force_login(holder_member)

    page = client.get(reverse("backoffice:queue"))

    assert page.status_code == 403
    assert b"You may not open this page" in page.content


def test_staff_are_refused_the_portal(client: Client, file_manager: User) -> None:
    client.force_login(file_manager)

    page = client.get(reverse("portal:home"))

    assert page.status_code == 403
    assert b"You may not open this page" in page.content


def test_someone_without_role_is_refused_both(client: Client, outsider: User) -> None:
    client.force_login(outsider)

    assert client.get(reverse("portal:home")).status_code == 403
    assert client.get(reverse("backoffice:queue")).status_code == 403


def test_staff_who_must_use_an_app_do_not_open_the_office_before_the_code(
    client: Client, file_manager: User
) -> None:
    file_manager.second_factor_required = True
    file_manager.save(update_fields=["second_factor_required"])
    device = app_for(file_manager)
    client.force_login(file_manager)  # past the password only

    refused = client.get(reverse("backoffice:queue"))
    assert refused.status_code == 302
    assert refused["Location"].startswith(reverse("signin:second-factor"))

    client.post(refused["Location"], {"token": code(device)})

    assert client.get(reverse("backoffice:queue")).status_code == 200


def test_the_staff_setting_keeps_unverified_staff_out_of_the_office(
    client: Client, reviewer: User, settings: Any
) -> None:
    settings.QUALIMARK_STAFF_SECOND_FACTOR = True
    client.force_login(reviewer)

    response = client.get(reverse("backoffice:queue"), follow=True)

    assert response.redirect_chain[-1][0] == reverse("signin:second-factor-setup") + (
        "?next=" + reverse("backoffice:queue").replace("/", "%2F")
    )


def test_the_admin_asks_for_the_code_of_a_superuser_who_must_use_one(
    client: Client, db: None
) -> None:
    admin = User.objects.create_superuser("root@copro.example", PASSWORD)
    admin.second_factor_required = True
    admin.save(update_fields=["second_factor_required"])
    device = app_for(admin)

    client.post("/admin/login/", {"username": admin.email, "password": PASSWORD})
    index = client.get("/admin/", follow=True)

    assert index.redirect_chain[-1][0].startswith(reverse("signin:second-factor"))
    assert b"Site administration" not in index.content

    client.post(index.redirect_chain[-1][0], {"token": code(device)})

    assert client.get("/admin/").status_code == 200


def test_the_admin_login_still_serves_other_superusers(client: Client, db: None) -> None:
    admin = User.objects.create_superuser("root@copro.example", PASSWORD)

    assert client.get("/admin/login/").status_code == 200
    response = client.post(
        "/admin/login/?next=/admin/", {"username": admin.email, "password": PASSWORD}
    )

    assert response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
