"""The user's settings: a TOML file in the user config dir (`explorer config --path`).

Rule kept here: a bad config never stops explorer; each problem (TOML that does
not parse, an unknown key, a value of the wrong type) is one line on stderr naming
the file and the key, and that setting falls back to its default.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from platformdirs import user_config_dir

Warn = Callable[[str], None]


def config_path() -> Path:
    """`config.toml` in the user config dir (~/.config/explorer on Linux)."""
    return Path(user_config_dir("explorer", appauthor=False)) / "config.toml"


def example() -> str:
    """The documented example config shipped with explorer."""
    from importlib.resources import files

    return files("explorer").joinpath("config.example.toml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Config:
    corpus: Path | None = None  # opened when no PATH is given (default: the bundled corpus)
    theme: str | None = None  # a Textual theme name, e.g. "textual-light"
    lexicon: Path | None = None  # frame lexicon TOML (default: the bundled one)
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> keys, e.g. "ctrl+e"
    path: Path | None = None  # the file these came from
    problems: tuple[str, ...] = ()  # the one-line warnings given while loading


def _stderr(line: str) -> None:
    sys.stderr.write(line + "\n")


def _as_path(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def load_config(path: Path | None = None, warn: Warn | None = _stderr) -> Config:
    """The settings in `path` (default: `config_path()`); no file means the defaults."""
    target = path or config_path()
    problems: list[str] = []

    def problem(text: str, outcome: str = "using the default") -> None:
        line = f"explorer: config {target}: {text}; {outcome}"
        problems.append(line)
        if warn is not None:
            warn(line)

    try:
        raw = target.read_bytes()
    except FileNotFoundError:
        return Config(path=target)
    except OSError as exc:
        problem(f"cannot be read ({exc.strerror or exc})")
        return Config(path=target, problems=tuple(problems))
    import tomllib  # only when there is a file to read

    try:
        data: dict[str, Any] = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        problem(f"not valid TOML ({' '.join(str(exc).split())})")
        return Config(path=target, problems=tuple(problems))

    base = target.parent
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("corpus", "lexicon"):
            if isinstance(value, str) and value.strip():
                values[key] = _as_path(value, base)
            else:
                problem(f"key {key!r} must be a path (a string), not {type(value).__name__}")
        elif key == "theme":
            if isinstance(value, str) and value.strip():
                values["theme"] = value.strip()
            else:
                problem(f"key 'theme' must be a theme name (a string), not {type(value).__name__}")
        elif key == "keys":
            if not isinstance(value, dict):
                kind = type(value).__name__
                problem(f"key 'keys' must be a table of binding = \"key\", not {kind}")
                continue
            keys: dict[str, str] = {}
            for binding, keyspec in value.items():
                if isinstance(keyspec, str) and keyspec.strip():
                    keys[binding] = keyspec.strip()
                else:
                    problem(f"key 'keys.{binding}' must be a key name such as \"ctrl+e\"")
            values["keys"] = keys
        else:
            problem(f"unknown key {key!r} (known: corpus, theme, lexicon, keys)", "ignored")
    return Config(**values, path=target, problems=tuple(problems))
