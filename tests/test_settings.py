"""Settings from the environment are parsed strictly: a wrong value stops the process."""

import os

import pytest

from qualimark.env import ConfigurationError, envbool, envint, envlist
from tests.commands import run_qualimark


def test_booleans_accept_the_usual_spellings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QM_FLAG", "Yes")
    assert envbool("QM_FLAG", False) is True
    monkeypatch.setenv("QM_FLAG", "off")
    assert envbool("QM_FLAG", True) is False


def test_a_misspelt_boolean_is_an_error_not_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QM_FLAG", "ture")
    with pytest.raises(ConfigurationError, match="QM_FLAG"):
        envbool("QM_FLAG", False)


def test_integers_are_checked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QM_N", "12")
    assert envint("QM_N", 1) == 12
    monkeypatch.setenv("QM_N", "twelve")
    with pytest.raises(ConfigurationError, match="QM_N"):
        envint("QM_N", 1)


def test_lists_are_split_on_commas(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QM_HOSTS", "a.example, b.example,")
    assert envlist("QM_HOSTS", []) == ["a.example", "b.example"]


def test_an_unusable_database_url_is_refused() -> None:
    from qualimark.settings import _database

    with pytest.raises(ConfigurationError, match="QUALIMARK_DATABASE_URL"):
        _database("mysql://root@localhost/qualimark")


def test_the_command_names_a_missing_setting_without_a_traceback() -> None:
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("QUALIMARK_")
    }
    environment["DJANGO_SETTINGS_MODULE"] = "qualimark.settings"
    done = run_qualimark("check", env=environment)
    assert done.returncode == 2
    assert "QUALIMARK_SECRET_KEY must be set" in done.stderr
    assert "Traceback" not in done.stderr
