"""The four catalogs are complete, non-empty and keep the English placeholders."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot.common.i18n import BABEL_LOCALES, LOCALES_DIR, po_path, translator
from bot.common.languages import SUPPORTED

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
KEYWORDS = {"t": None, "tn": (1, 2), "N_": None}
# Characters that exist only in Traditional Chinese; the catalog must be Simplified.
TRADITIONAL_ONLY = set("語設時區幫說會議項們請開關為這個與選擇顯變無錯誤員協調電話號碼處單當從後讓")


def _catalog(language: str) -> dict[str, tuple[str, ...]]:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=BABEL_LOCALES[language])
    found: dict[str, tuple[str, ...]] = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found[key] = tuple(strings)
        assert not message.fuzzy, f"{language}: fuzzy entry {key!r}"
    return found


def _english_forms() -> dict[str, tuple[str, ...]]:
    with po_path("en").open("rb") as handle:
        catalog = read_po(handle, locale="en")
    return {
        (m.id if isinstance(m.id, str) else m.id[0]): (
            (m.id,) if isinstance(m.id, str) else tuple(m.id)
        )
        for m in catalog
        if m.id
    }


def _used_in_code() -> set[str]:
    used: set[str] = set()
    for folder in ("bot", "handlers"):
        for _file, _line, message, _comments, _context in extract_from_dir(
            ROOT / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            used.add(message if isinstance(message, str) else message[0])
    return used


def test_every_message_in_the_code_is_in_the_english_catalog() -> None:
    missing = _used_in_code() - set(_english_forms())
    assert not missing, f"run `make messages`; missing: {sorted(missing)}"


@pytest.mark.parametrize("language", SUPPORTED)
def test_catalog_is_complete_and_keeps_placeholders(language: str) -> None:
    english = _english_forms()
    catalog = _catalog(language)
    assert set(catalog) == set(english), "catalog and template differ"
    for msgid, forms in english.items():
        expected = set(PLACEHOLDER.findall(forms[-1]))
        for translated in catalog[msgid]:
            assert translated.strip(), f"{language}: empty translation for {msgid!r}"
            assert set(PLACEHOLDER.findall(translated)) == expected, (
                f"{language}: placeholders differ in {translated!r} for {msgid!r}"
            )


def test_chinese_catalog_is_simplified() -> None:
    text = "".join("".join(forms) for forms in _catalog("zh").values())
    assert not (set(text) & TRADITIONAL_ONLY)


def test_russian_plurals_have_three_forms() -> None:
    tr = translator("ru")
    forms = {
        n: tr.tn("{count} language: {names}", "{count} languages: {names}", n, names="x")
        for n in (1, 2, 5, 11, 21, 22, 25)
    }
    assert forms[1] == "1 язык: x" and forms[21] == "21 язык: x"
    assert forms[2] == "2 языка: x" and forms[22] == "22 языка: x"
    assert forms[5] == "5 языков: x" and forms[11] == "11 языков: x" and forms[25] == "25 языков: x"
    with po_path("ru").open("rb") as handle:
        assert read_po(handle, locale="ru").num_plurals == 3


def test_locales_folder_has_exactly_the_four_languages() -> None:
    folders = {path.name for path in LOCALES_DIR.iterdir() if path.is_dir()}
    assert folders == set(SUPPORTED)
