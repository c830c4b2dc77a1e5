"""Translation settings from the environment, with one line per problem."""

from __future__ import annotations

import pytest

from bot.translation import KNOWN_BACKENDS, TranslatorConfig, TranslatorConfigError


def test_defaults() -> None:
    config = TranslatorConfig.from_env({})
    assert config == TranslatorConfig()
    assert config.translators == ("google",) and config.timeout == 8.0
    assert config.concurrency == 8 and config.secrets == ()


def test_everything_is_read() -> None:
    config = TranslatorConfig.from_env(
        {
            "PARKBRIDGE_TRANSLATORS": " Libre, google ,deepl,,google",
            "PARKBRIDGE_LIBRETRANSLATE_URL": "http://127.0.0.1:5000",
            "PARKBRIDGE_LIBRETRANSLATE_KEY": "lt-key",
            "PARKBRIDGE_DEEPL_KEY": "dk:fx",
            "PARKBRIDGE_TRANSLATE_TIMEOUT": "2.5",
            "PARKBRIDGE_TRANSLATE_CONCURRENCY": "4",
        }
    )
    assert config.translators == ("libre", "google", "deepl")
    assert config.libre_url == "http://127.0.0.1:5000/"  # deep-translator needs the slash
    assert config.timeout == 2.5 and config.concurrency == 4
    assert set(config.secrets) == {"lt-key", "dk:fx"}
    assert "lt-key" not in repr(config) and "dk:fx" not in repr(config)


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(TranslatorConfigError) as caught:
        TranslatorConfig.from_env(
            {
                "PARKBRIDGE_TRANSLATORS": "google,papago,libre,deepl,yandex,baidu,microsoft",
                "PARKBRIDGE_BAIDU_APPID": "123",
                "PARKBRIDGE_TRANSLATE_TIMEOUT": "soon",
                "PARKBRIDGE_TRANSLATE_CONCURRENCY": "0",
            }
        )
    problems = caught.value.problems
    assert len(problems) == 8, problems
    assert all("\n" not in line for line in problems)
    text = str(caught.value)
    for word in (
        "'papago'",
        "PARKBRIDGE_LIBRETRANSLATE_URL",
        "PARKBRIDGE_DEEPL_KEY",
        "PARKBRIDGE_YANDEX_KEY",
        "PARKBRIDGE_BAIDU_KEY",
        "PARKBRIDGE_MICROSOFT_KEY",
        "PARKBRIDGE_TRANSLATE_TIMEOUT",
        "PARKBRIDGE_TRANSLATE_CONCURRENCY",
    ):
        assert word in text
    assert "PARKBRIDGE_BAIDU_APPID" not in text


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("PARKBRIDGE_TRANSLATORS", " , "),
        ("PARKBRIDGE_LIBRETRANSLATE_URL", "localhost:5000"),
        ("PARKBRIDGE_TRANSLATE_TIMEOUT", "0"),
        ("PARKBRIDGE_TRANSLATE_TIMEOUT", "-1"),
        ("PARKBRIDGE_TRANSLATE_CONCURRENCY", "many"),
    ],
)
def test_bad_single_values(variable: str, value: str) -> None:
    with pytest.raises(TranslatorConfigError) as caught:
        TranslatorConfig.from_env({variable: value})
    assert len(caught.value.problems) == 1 and variable in caught.value.problems[0]


def test_known_backends() -> None:
    assert KNOWN_BACKENDS == (
        "google", "mymemory", "libre", "deepl", "yandex", "baidu", "microsoft"
    )  # fmt: skip
