"""Every command's --json output, produced for real, validates against its schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"


def output(*args: str, env: dict[str, str]) -> object:
    result = subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args, "--json"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120, check=True,
    )  # fmt: skip
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    values = dict(os.environ)
    values["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data"))
    return values


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "a.md").write_text(
        "---\ntitle: One\noutlet: Paper\ndate: 2025-01-02\nkicker: extra value\n---\n"
        "A first article about the harbour, long enough to be an article of its own.\n",
        encoding="utf-8",
    )
    (root / "b.jsonl").write_text(
        '{"title": "Two", "text": "The harbour reopened after repairs on Monday."}\n'
        '{"title": "Three", "text": "The harbour reopened after repairs on Monday."}\n'
        "{broken\n",
        encoding="utf-8",
    )
    (root / "c.json").write_text("[", encoding="utf-8")
    return root


def validate(name: str, data: object) -> None:
    schema = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(str(e) for e in errors[:3])


@pytest.mark.parametrize("bundled", [True, False])
def test_outputs_validate(bundled: bool, corpus: Path, env: dict[str, str]) -> None:
    path = [] if bundled else [str(corpus)]
    if not bundled:
        validate("index", output("index", str(corpus), env=env))
    info = output("info", *path, env=env)
    validate("info", info)
    query = "closed model" if bundled else "harbour"
    search = output("search", query, *path, env=env)
    validate("search", search)
    assert search["hits"]
    first = info["articles"][0]["id"]  # type: ignore[index]
    validate("show", output("show", first, *path, env=env))
    validate("show", output("show", first, *path, "--query", query, env=env))
    frames = output("frames", *path, env=env)
    validate("frames", frames)
    validate("quotes", output("quotes", *path, env=env))
    validate("claims", output("claims", *path, env=env))
    validate("reuse", output("reuse", *path, env=env))
    if not bundled:
        assert info["duplicates"] and info["skipped"]  # type: ignore[index]
    else:
        texts = {a["id"]: output("show", a["id"], env=env)["text"] for a in info["articles"]}  # type: ignore[index]
        for article in frames["articles"]:  # type: ignore[index]
            assert article["scored"] and article["primary"]
            for sentences in article["evidence"].values():
                for sentence in sentences:
                    assert sentence in texts[article["id"]]
