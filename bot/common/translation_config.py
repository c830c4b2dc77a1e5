"""Which translation backends to use and their keys, read from the environment and validated."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

KNOWN_BACKENDS: tuple[str, ...] = (
    "google",
    "mymemory",
    "libre",
    "deepl",
    "yandex",
    "baidu",
    "microsoft",
)
DEFAULT_TIMEOUT = 8.0
DEFAULT_CONCURRENCY = 8
MAX_TIMEOUT = 120.0
MAX_CONCURRENCY = 256


class TranslatorConfigError(Exception):
    """Raised with every bad translation setting at once, one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class TranslatorConfig:
    """The ordered fallback list and what each backend needs; keys stay out of repr."""

    translators: tuple[str, ...] = ("google",)
    libre_url: str | None = None
    libre_key: str | None = field(default=None, repr=False)
    deepl_key: str | None = field(default=None, repr=False)
    yandex_key: str | None = field(default=None, repr=False)
    baidu_appid: str | None = field(default=None, repr=False)
    baidu_key: str | None = field(default=None, repr=False)
    microsoft_key: str | None = field(default=None, repr=False)
    microsoft_region: str | None = None
    mymemory_email: str | None = field(default=None, repr=False)
    timeout: float = DEFAULT_TIMEOUT
    concurrency: int = DEFAULT_CONCURRENCY

    @property
    def secrets(self) -> tuple[str, ...]:
        """Every configured secret value, so log lines can be scrubbed of them."""
        values = (
            self.libre_key,
            self.deepl_key,
            self.yandex_key,
            self.baidu_appid,
            self.baidu_key,
            self.microsoft_key,
            self.mymemory_email,
        )
        return tuple(value for value in values if value)

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> TranslatorConfig:
        """Read PARKBRIDGE_* variables; raise TranslatorConfigError listing every problem."""
        problems: list[str] = []

        def get(name: str) -> str | None:
            return environ.get(name, "").strip() or None

        translators: list[str] = []
        for part in (get("PARKBRIDGE_TRANSLATORS") or "google").split(","):
            name = part.strip().lower()
            if not name or name in translators:
                continue
            if name not in KNOWN_BACKENDS:
                problems.append(
                    f"PARKBRIDGE_TRANSLATORS: unknown translator {name!r} "
                    f"(known: {', '.join(KNOWN_BACKENDS)})"
                )
                continue
            translators.append(name)
        if not translators and not problems:
            problems.append(
                f"PARKBRIDGE_TRANSLATORS must name at least one of {', '.join(KNOWN_BACKENDS)}"
            )

        libre_url = get("PARKBRIDGE_LIBRETRANSLATE_URL")
        if libre_url is not None and not libre_url.startswith(("http://", "https://")):
            problems.append(
                f"PARKBRIDGE_LIBRETRANSLATE_URL must start with http:// or https://, "
                f"got {libre_url!r}"
            )
        if libre_url is not None and not libre_url.endswith("/"):
            libre_url += "/"  # deep-translator appends "translate" to it as is

        needs: dict[str, tuple[str, ...]] = {
            "libre": ("PARKBRIDGE_LIBRETRANSLATE_URL",),
            "deepl": ("PARKBRIDGE_DEEPL_KEY",),
            "yandex": ("PARKBRIDGE_YANDEX_KEY",),
            "baidu": ("PARKBRIDGE_BAIDU_APPID", "PARKBRIDGE_BAIDU_KEY"),
            "microsoft": ("PARKBRIDGE_MICROSOFT_KEY",),
        }
        for name in translators:
            for variable in needs.get(name, ()):
                if get(variable) is None:
                    problems.append(
                        f"{variable} is required when PARKBRIDGE_TRANSLATORS has {name}"
                    )

        timeout = DEFAULT_TIMEOUT
        timeout_text = get("PARKBRIDGE_TRANSLATE_TIMEOUT")
        if timeout_text is not None:
            try:
                timeout = float(timeout_text)
            except ValueError:
                timeout = -1.0
            if not 0 < timeout <= MAX_TIMEOUT:
                problems.append(
                    f"PARKBRIDGE_TRANSLATE_TIMEOUT must be seconds between 0 and "
                    f"{MAX_TIMEOUT:g} (example: 8), got {timeout_text!r}"
                )

        concurrency = DEFAULT_CONCURRENCY
        concurrency_text = get("PARKBRIDGE_TRANSLATE_CONCURRENCY")
        if concurrency_text is not None:
            concurrency = int(concurrency_text) if concurrency_text.isdigit() else 0
            if not 1 <= concurrency <= MAX_CONCURRENCY:
                problems.append(
                    f"PARKBRIDGE_TRANSLATE_CONCURRENCY must be a whole number from 1 to "
                    f"{MAX_CONCURRENCY} (example: 8), got {concurrency_text!r}"
                )

        if problems:
            raise TranslatorConfigError(problems)
        return cls(
            translators=tuple(translators),
            libre_url=libre_url,
            libre_key=get("PARKBRIDGE_LIBRETRANSLATE_KEY"),
            deepl_key=get("PARKBRIDGE_DEEPL_KEY"),
            yandex_key=get("PARKBRIDGE_YANDEX_KEY"),
            baidu_appid=get("PARKBRIDGE_BAIDU_APPID"),
            baidu_key=get("PARKBRIDGE_BAIDU_KEY"),
            microsoft_key=get("PARKBRIDGE_MICROSOFT_KEY"),
            microsoft_region=get("PARKBRIDGE_MICROSOFT_REGION"),
            mymemory_email=get("PARKBRIDGE_MYMEMORY_EMAIL"),
            timeout=timeout,
            concurrency=concurrency,
        )
