"""The `parkbridge` command line: run without a token, console scripts, migrate, backup."""

from __future__ import annotations

import io
import sqlite3
import sys
from pathlib import Path

import pytest

from bot.app.cli import main
from storage.migrations import discover

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "languages.txt"
ENV_NAMES = (
    "TELEGRAM_BOT_TOKEN",
    "PARKBRIDGE_DATABASE",
    "PARKBRIDGE_COORDINATORS",
    "PARKBRIDGE_DEFAULT_LANGUAGE",
    "PARKBRIDGE_DEFAULT_TIMEZONE",
    "PARKBRIDGE_TELEGRAM_API_URL",
    "PARKBRIDGE_LOG_LEVEL",
)


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No real configuration leaks in; `.env` and `data/` are looked up in a temp folder."""
    for name in ENV_NAMES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def test_run_without_token_says_so_and_opens_the_console(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("/start\n:quit\n"))
    assert main(["run"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "No TELEGRAM_BOT_TOKEN set: opening the local console instead (see README)."
    assert any("Hello, Anna! I am parkbridge." in line for line in out)


def test_console_script_switches_to_each_language_and_shows_help(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["console", "--script", str(SCRIPT)]) == 0
    out = capsys.readouterr().out
    expected = [
        "Команды, доступные вам здесь",
        "您在此处可用的命令",
        "Komennot, joita voit käyttää täällä",
    ]
    positions = [out.index(title) for title in expected]
    assert positions == sorted(positions)
    assert "/language — Выбрать язык" in out and "/language — 选择" in out


def test_console_group_and_buttons(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "group.txt"
    script.write_text(
        ":group Z-Park\n/settings\n:press 2\n:user Mikko fi\n/settings\n", encoding="utf-8"
    )
    assert main(["console", "--script", str(script)]) == 0
    out = capsys.readouterr().out
    assert "[1] ✅ English  [2] ▫️ Русский" in out
    assert "2 languages: English, Русский" in out  # after pressing Русский
    assert "Vain koordinaattorit" in out  # Mikko is no admin


def test_bad_configuration_is_one_line_per_problem(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PARKBRIDGE_DEFAULT_LANGUAGE", "de")
    monkeypatch.setenv("PARKBRIDGE_DEFAULT_TIMEZONE", "Mars/Base")
    assert main(["migrate"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("configuration error:") for line in err)


def test_migrate_then_backup(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setenv("PARKBRIDGE_DATABASE", str(tmp_path / "db" / "live.db"))
    assert main(["migrate"]) == 0
    version = len(discover())
    assert f"schema version {version}" in capsys.readouterr().out
    with sqlite3.connect(tmp_path / "db" / "live.db") as conn:
        conn.execute(
            "INSERT INTO users (id, first_name, created_at, updated_at) VALUES (1, 'Li', 'x', 'x')"
        )
    assert main(["backup", str(tmp_path / "copy" / "backup.db")]) == 0
    with sqlite3.connect(tmp_path / "copy" / "backup.db") as copy:
        assert copy.execute("PRAGMA user_version").fetchone() == (version,)
        assert copy.execute("SELECT first_name FROM users").fetchall() == [("Li",)]


def test_backup_without_a_database_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["backup", "copy.db"]) == 1
    assert "no database" in capsys.readouterr().err


def test_when_prints_the_instant_or_fails_clearly(capsys: pytest.CaptureFixture[str]) -> None:
    now = "2026-07-28T09:00:00+03:00"
    assert main(["when", "завтра", "в", "15:00", "--tz", "Europe/Moscow", "--now", now]) == 0
    assert capsys.readouterr().out.strip() == "2026-07-29T15:00:00+03:00"
    assert main(["when", "huomenna klo 15", "--tz", "Europe/Helsinki", "--now", now]) == 0
    assert capsys.readouterr().out.strip() == "2026-07-29T15:00:00+03:00"
    assert main(["when", "blah", "--tz", "UTC", "--now", now]) == 1
    assert capsys.readouterr().err.startswith('could not read "blah"')
    assert main(["when", "tomorrow 3pm", "--tz", "Mars/Base"]) == 2
