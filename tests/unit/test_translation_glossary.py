"""Glossary terms pass through machine translation exactly as the message wrote them."""

from __future__ import annotations

import pytest

from bot.translation import Translated, TranslationService, protect, restore
from bot.translation.glossary import placeholder
from tests.fakes import FakeBackend, Transform, reverse_letters, reverse_words, upper_case

TERMS = ("Zhongguancun Science Park", "Zhongguancun", "Savonlinna", "中关村", "Технопарк")


def test_terms_become_placeholders_and_come_back() -> None:
    text = "Zhongguancun Science Park meets Savonlinna; zhongguancun too"
    hidden, mapping = protect(text, TERMS)
    assert "Zhongguancun" not in hidden and "Savonlinna" not in hidden
    assert sorted(mapping.values()) == ["Savonlinna", "Zhongguancun Science Park", "zhongguancun"]
    assert restore(hidden, mapping) == text


def test_whole_words_for_latin_and_cyrillic_substrings_for_cjk() -> None:
    hidden, mapping = protect("Savonlinnan Технопарк, технопарку, 中关村科技园", TERMS)
    assert "Savonlinnan" in hidden  # an inflected form is another word
    assert "технопарку" in hidden
    assert "Технопарк" not in hidden and "中关村" not in hidden and "科技园" in hidden
    assert set(mapping.values()) == {"Технопарк", "中关村"}


def test_no_terms_means_no_change() -> None:
    assert protect("Hello", []) == ("Hello", {})
    assert protect("Hello", ["  ", ""]) == ("Hello", {})
    assert restore("Hello", {}) == "Hello"


def test_placeholders_are_palindromes() -> None:
    for index in (0, 7, 10, 12, 123):
        token = placeholder(index)
        assert token == token[::-1] and token.isupper()
    assert len({placeholder(n) for n in range(200)}) == 200


def test_restore_tolerates_what_translators_do_to_tokens() -> None:
    _, mapping = protect("Savonlinna", TERMS)
    token = next(iter(mapping))
    spaced = token.replace("ZXQ", "ZXQ ").replace("QXZ", " QXZ")
    assert restore(f"в {spaced.lower()}", mapping) == "в Savonlinna"
    assert restore(f"{token}:ssa", mapping) == "Savonlinna:ssa"
    assert restore("ZXQ9QXZ", mapping) == "ZXQ9QXZ"  # not ours: left alone


@pytest.mark.parametrize("transform", [upper_case, reverse_words, reverse_letters])
async def test_terms_survive_a_backend_that_mangles_other_words(transform: Transform) -> None:
    service = TranslationService([FakeBackend("mangler", transform=transform)])
    try:
        result = await service.translate(
            "Delegation from Zhongguancun Science Park visits Savonlinna and 中关村 in May",
            "en",
            "ru",
            glossary=TERMS,
        )
    finally:
        service.close()
    assert isinstance(result, Translated)
    for term in ("Zhongguancun Science Park", "Savonlinna", "中关村"):
        assert term in result.text
    assert "ZXQ" not in result.text.upper()


async def test_a_message_that_is_only_terms_needs_no_backend() -> None:
    fake = FakeBackend()
    service = TranslationService([fake])
    try:
        result = await service.translate("Savonlinna!", "fi", "zh", glossary=TERMS)
    finally:
        service.close()
    assert result == Translated("Savonlinna!", "fi", "zh", "identity")
    assert fake.call_count == 0
