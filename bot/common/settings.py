"""Configuration read once from the environment and `.env`, validated with one line per error."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bot.common.languages import SUPPORTED
from bot.common.timezones import canonical_zone
from bot.common.translation_config import TranslatorConfig, TranslatorConfigError

DEFAULT_API_URL = "https://api.telegram.org/bot"
LOG_LEVELS = ("CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG")


class ConfigError(Exception):
    """Raised with every bad value at once, so a user fixes them in one go."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Settings:
    """Everything the bot needs to know about its deployment."""

    token: str | None = field(default=None, repr=False)
    api_url: str = DEFAULT_API_URL
    database: Path = Path("data/parkbridge.db")
    coordinators: frozenset[int] = frozenset()
    default_language: str = "en"
    default_timezone: str = "UTC"
    log_level: str = "INFO"
    translation: TranslatorConfig = field(default_factory=TranslatorConfig)

    @property
    def file_url(self) -> str:
        """File download base that matches the API base (`.../bot` → `.../file/bot`)."""
        base = self.api_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"


def read_dotenv(path: Path) -> dict[str, str]:
    """Read KEY=VALUE lines; comments, blanks and `export ` prefixes are allowed."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Build settings from `.env` overlaid by the real environment; raise ConfigError if bad."""
    env: dict[str, str] = read_dotenv(dotenv) if dotenv is not None else {}
    env.update(os.environ if environ is None else environ)
    problems: list[str] = []

    def get(name: str) -> str:
        return env.get(name, "").strip()

    token = get("TELEGRAM_BOT_TOKEN") or None
    if token is not None and (":" not in token or not token.split(":", 1)[0].isdigit()):
        problems.append(
            "TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters); "
            "copy it again from @BotFather"
        )

    api_url = get("PARKBRIDGE_TELEGRAM_API_URL") or DEFAULT_API_URL
    if not api_url.startswith(("http://", "https://")):
        problems.append(
            f"PARKBRIDGE_TELEGRAM_API_URL must start with http:// or https://, got {api_url!r}"
        )

    database = Path(get("PARKBRIDGE_DATABASE") or "data/parkbridge.db")

    coordinators: set[int] = set()
    for part in get("PARKBRIDGE_COORDINATORS").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if part.lstrip("-").isdigit():
            coordinators.add(int(part))
        else:
            problems.append(
                f"PARKBRIDGE_COORDINATORS must be Telegram user ids separated by commas, "
                f"{part!r} is not a number (example: 123456789,987654321)"
            )

    language = (get("PARKBRIDGE_DEFAULT_LANGUAGE") or "en").lower()
    if language not in SUPPORTED:
        problems.append(
            f"PARKBRIDGE_DEFAULT_LANGUAGE must be one of {', '.join(SUPPORTED)}, got {language!r}"
        )

    zone_text = get("PARKBRIDGE_DEFAULT_TIMEZONE") or "UTC"
    zone = canonical_zone(zone_text)
    if zone is None:
        problems.append(
            f"PARKBRIDGE_DEFAULT_TIMEZONE must be an IANA time zone such as Europe/Helsinki, "
            f"got {zone_text!r}"
        )

    level = (get("PARKBRIDGE_LOG_LEVEL") or "INFO").upper()
    if level not in LOG_LEVELS:
        problems.append(
            f"PARKBRIDGE_LOG_LEVEL must be one of {', '.join(LOG_LEVELS)}, got {level!r}"
        )

    translation = TranslatorConfig()
    try:
        translation = TranslatorConfig.from_env(env)
    except TranslatorConfigError as error:
        problems.extend(error.problems)

    if problems:
        raise ConfigError(problems)
    return Settings(
        token=token,
        api_url=api_url,
        database=database,
        coordinators=frozenset(coordinators),
        default_language=language,
        default_timezone=zone or "UTC",
        log_level=level,
        translation=translation,
    )
