"""The settings file with no UI: the shipped example is clean, each problem is one
line naming the file and the key, and every other setting still applies."""

from __future__ import annotations

from pathlib import Path

from explorer.config import Config, config_path, example, load_config


def load(tmp_path: Path, text: str) -> tuple[Config, list[str]]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    said: list[str] = []
    return load_config(path, warn=said.append), said


def test_no_file_means_defaults_and_silence(tmp_path: Path) -> None:
    said: list[str] = []
    config = load_config(tmp_path / "none.toml", warn=said.append)
    assert said == [] and config.theme is None and config.keys == {}
    assert config_path().name == "config.toml" and "explorer" in config_path().parts


def test_the_example_loads_clean(tmp_path: Path) -> None:
    config, said = load(tmp_path, example())
    assert said == []
    assert config.theme == "textual-light" and config.keys == {"export": "ctrl+e", "note": "m"}
    assert config.corpus == Path("~/news/harbour-strike").expanduser()


def test_each_problem_names_the_file_and_key_and_the_rest_applies(tmp_path: Path) -> None:
    config, said = load(
        tmp_path,
        'theme = 3\nlexicon = "lex/frames.toml"\nmystery = true\ncorpus = []\n'
        '[keys]\nexport = "ctrl+e"\nnote = 4\n',
    )
    assert len(said) == 4 and all(line.count("\n") == 0 for line in said)
    assert all(line.startswith(f"explorer: config {tmp_path / 'config.toml'}: ") for line in said)
    for key in ("'theme'", "'mystery'", "'corpus'", "'keys.note'"):
        assert sum(key in line for line in said) == 1, key
    assert config.theme is None and config.corpus is None
    assert config.lexicon == tmp_path / "lex" / "frames.toml"  # relative to the file
    assert config.keys == {"export": "ctrl+e"}
    assert config.problems == tuple(said)


def test_bad_toml_and_bad_bytes_are_one_line(tmp_path: Path) -> None:
    config, said = load(tmp_path, 'theme = "nord"\n[keys\n')
    assert len(said) == 1 and "not valid TOML" in said[0] and config.theme is None
    path = tmp_path / "latin1.toml"
    path.write_bytes('theme = "caf\xe9"\n'.encode("latin-1"))
    lines: list[str] = []
    load_config(path, warn=lines.append)
    assert len(lines) == 1 and str(path) in lines[0]
