"""What people type after /projects: area=biotech status=approved delegation=NAME mine."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.delegations.interests import parse_areas
from bot.projects.stages import parse_stage


@dataclass
class TypedFilters:
    """Filters as typed; the delegation is still a name the handler looks up."""

    area: str | None = None
    stage: str | None = None
    delegation: str | None = None
    mine: bool = False
    problems: list[str] = field(default_factory=list)  # words that could not be read

    @property
    def any(self) -> bool:
        """Whether anything narrows the list."""
        return bool(self.area or self.stage or self.delegation or self.mine)


KEYS = {
    "area": "area",
    "areas": "area",
    "status": "stage",
    "stage": "stage",
    "delegation": "delegation",
    "del": "delegation",
}


def parse_filters(text: str) -> TypedFilters:
    """Read `key=value` words; a delegation name may run over several words."""
    found = TypedFilters()
    current: str | None = None
    for word in text.split():
        key, equals, value = word.partition("=")
        if equals and key.casefold() in KEYS:
            current = KEYS[key.casefold()]
            _set(found, current, value)
        elif not equals and word.casefold() in ("mine", "my"):
            found.mine = True
            current = None
        elif not equals and current == "delegation" and found.delegation is not None:
            found.delegation = f"{found.delegation} {word}"
        else:
            found.problems.append(word)
            current = None
    return found


def _set(found: TypedFilters, key: str, value: str) -> None:
    if key == "area":
        codes, unknown = parse_areas(value)
        if len(codes) == 1 and not unknown:
            found.area = codes[0]
        else:
            found.problems.append(f"area={value}")
    elif key == "stage":
        stage = parse_stage(value)
        if stage is None:
            found.problems.append(f"status={value}")
        else:
            found.stage = stage
    elif value:
        found.delegation = value
    else:
        found.problems.append("delegation=")
