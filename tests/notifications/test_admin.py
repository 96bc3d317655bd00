"""The outbox in the admin: read what went out, see what is failing, and retry it."""

from django.core import mail
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from qualimark.accounts.models import User
from qualimark.notifications.models import Mail, MailStatus
from qualimark.notifications.outbox import Recipient, queue_mail, send_pending


def test_the_outbox_lists_status_attempts_and_error_and_retries_now(
    client: Client, decision_maker: User, ann: Recipient, settings: Settings
) -> None:
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    settings.EMAIL_BACKEND = "tests.notifications.backends.RefusingBackend"
    queue_mail("test:1:ann@example.be", ann, "Your request", "We received it.")
    send_pending()
    url = reverse("admin:notifications_mail_changelist")

    page = client.get(url).content.decode()
    assert "Your request" in page
    assert "pending" in page
    assert (
        "Connection unexpectedly closed"
        in client.get(
            reverse("admin:notifications_mail_change", args=[Mail.objects.get().pk])
        ).content.decode()
    )

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    response = client.post(
        url, {"action": "retry", "_selected_action": [Mail.objects.get().pk]}, follow=True
    )

    assert "1 sent, 0 will be retried, 0 failed." in response.content.decode()
    assert [m.subject for m in mail.outbox] == ["Your request"]
    assert Mail.objects.get().status == MailStatus.SENT


def test_nobody_adds_or_deletes_mail_in_the_admin(client: Client, decision_maker: User) -> None:
    decision_maker.is_superuser = True
    decision_maker.save(update_fields=["is_superuser"])
    client.force_login(decision_maker)

    assert client.get(reverse("admin:notifications_mail_add")).status_code == 403
