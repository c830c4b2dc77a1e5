"""Configuration: defaults, `.env`, and one clear line per bad value."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.common.settings import DEFAULT_API_URL, ConfigError, Settings, load_settings

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


def test_defaults_when_nothing_is_set() -> None:
    settings = load_settings({}, dotenv=None)
    assert settings == Settings()
    assert settings.api_url == DEFAULT_API_URL
    assert settings.database == Path("data/parkbridge.db")
    assert settings.default_language == "en" and settings.default_timezone == "UTC"


def test_values_are_read_and_normalised() -> None:
    settings = load_settings(
        {
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "PARKBRIDGE_TELEGRAM_API_URL": "http://127.0.0.1:8081/bot",
            "PARKBRIDGE_DATABASE": "/tmp/x.db",
            "PARKBRIDGE_COORDINATORS": "11, 22,,33",
            "PARKBRIDGE_DEFAULT_LANGUAGE": "ZH",
            "PARKBRIDGE_DEFAULT_TIMEZONE": "asia/shanghai",
            "PARKBRIDGE_LOG_LEVEL": "debug",
        },
        dotenv=None,
    )
    assert settings.token == TOKEN
    assert settings.file_url == "http://127.0.0.1:8081/file/bot"
    assert settings.coordinators == {11, 22, 33}
    assert settings.default_language == "zh"
    assert settings.default_timezone == "Asia/Shanghai"
    assert settings.log_level == "DEBUG"


def test_every_bad_value_is_reported_on_its_own_line() -> None:
    with pytest.raises(ConfigError) as caught:
        load_settings(
            {
                "TELEGRAM_BOT_TOKEN": "not-a-token",
                "PARKBRIDGE_TELEGRAM_API_URL": "ftp://x",
                "PARKBRIDGE_COORDINATORS": "12,abc",
                "PARKBRIDGE_DEFAULT_LANGUAGE": "de",
                "PARKBRIDGE_DEFAULT_TIMEZONE": "Mars/Base",
                "PARKBRIDGE_LOG_LEVEL": "LOUD",
            },
            dotenv=None,
        )
    problems = caught.value.problems
    assert len(problems) == 6
    assert all("\n" not in problem for problem in problems)
    joined = "\n".join(problems)
    for name in ("TOKEN", "API_URL", "COORDINATORS", "LANGUAGE", "TIMEZONE", "LOG_LEVEL"):
        assert name in joined
    assert "not-a-token" not in joined  # a mistyped token is not echoed either


def test_dotenv_is_read_and_the_environment_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        f"# comment\nexport TELEGRAM_BOT_TOKEN='{TOKEN}'\nPARKBRIDGE_DEFAULT_LANGUAGE=fi\n",
        encoding="utf-8",
    )
    settings = load_settings({"PARKBRIDGE_DEFAULT_LANGUAGE": "ru"}, dotenv=dotenv)
    assert settings.token == TOKEN
    assert settings.default_language == "ru"


def test_token_is_not_in_the_settings_repr() -> None:
    assert TOKEN not in repr(load_settings({"TELEGRAM_BOT_TOKEN": TOKEN}, dotenv=None))
