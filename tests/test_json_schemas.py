"""Every command's --json output, produced for real, validates against its schema;
the schemas are strict enough that a renamed key fails, and the README documents
every key they name."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "schemas"
COMMANDS = ("index", "info", "search", "show", "frames", "quotes", "claims", "reuse")


def output(*args: str, env: dict[str, str]) -> Any:
    result = subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args, "--json"],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def schema(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text("utf-8"))
    return loaded


def errors(name: str, data: object) -> list[str]:
    return [str(e) for e in Draft202012Validator(schema(name)).iter_errors(data)]


def validate(name: str, data: object) -> None:
    found = errors(name, data)
    assert not found, "\n".join(found[:3])


MIXED_FILES = {
    "a.md": "---\ntitle: One\noutlet: Paper\ndate: 2025-01-02\nkicker: extra value\n---\n"
    "A first article about the harbour, long enough to be an article of its own.\n",
    "b.jsonl": '{"title": "Two", "text": "The harbour reopened after repairs on Monday."}\n'
    '{"title": "Three", "text": "The harbour reopened after repairs on Monday."}\n'
    "{broken\n",
    "c.json": "[",
    "page.html": """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8">
<title>Hafen wieder offen - Nordkurier</title><meta property="og:site_name" content="Nordkurier">
<meta property="article:published_time" content="2025-02-03T10:00:00+01:00"></head><body>
<nav><a href="/">Start</a> <a href="/politik">Politik</a></nav><article><h1>Hafen wieder offen</h1>
<p>Nach monatelangen Reparaturen ist der Hafen der Stadt seit Montag wieder für Schiffe geöffnet,
teilte die Verwaltung mit.</p><p>Die Arbeiten hatten länger gedauert als geplant, weil beschädigte
Kaimauern vollständig ersetzt werden mussten und Material fehlte.</p></article>
<footer>© 2025 Nordkurier · Impressum</footer></body></html>""",
    "feed.xml": """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>
<title>Harbour Wire</title><link>https://wire.example/</link><description>news</description>
<item><title>Harbour reopens</title><link>https://wire.example/2025/02/03/harbour</link>
<description>The harbour reopened on Monday after months of repairs to its quay walls, the city
said in a statement.</description></item><item><title>Fishers relieved</title>
<link>https://wire.example/2025/02/04/fishers</link><description>Fishers said "we are relieved"
the harbour was open again but angry about the cost of the long repairs.</description></item>
</channel></rss>""",
    "items.csv": "title,outlet,date,text\nQuay walls replaced,Coast Daily,2025-02-01,"
    "\"Workers finished replacing the harbour's quay walls on Saturday, ahead of the "
    'reopening planned for Monday."\n',
    "broken.rss": "<rss><channel><item><title>broken",
    "empty.html": "<html><body><nav>Home</nav></body></html>",
}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    values = dict(os.environ)
    values.pop("EXPLORER_DEBUG", None)
    values["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data"))
    return values


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, text in MIXED_FILES.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def outputs(
    corpus: Path, env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Any]]:
    """Real outputs of every command, on the bundled corpus and on the mixed one."""
    from index import BUNDLED_CORPUS

    found: dict[str, list[Any]] = {name: [] for name in COMMANDS}
    bundled_ix = str(tmp_path_factory.mktemp("bundled-ix"))
    for path, query, ix in (
        ([], "closed model", ["--index", bundled_ix]),
        ([str(corpus)], "harbour", []),
    ):
        found["index"].append(output("index", str(corpus if path else BUNDLED_CORPUS), *ix,
                                     env=env))  # fmt: skip
        info = output("info", *path, *ix, env=env)
        found["info"].append(info)
        found["search"].append(output("search", query, *path, *ix, env=env))
        found["search"].append(output("search", "", *path, *ix, "--sort", "date", env=env))
        found["search"].append(output("search", "zzzqqq", *path, *ix, env=env))
        first = info["articles"][0]["id"]
        found["show"].append(output("show", first, *path, *ix, env=env))
        found["show"].append(output("show", first, *path, *ix, "--query", query, env=env))
        for name in ("frames", "quotes", "claims", "reuse"):
            found[name].append(output(name, *path, *ix, env=env))
    return found


@pytest.mark.parametrize("name", COMMANDS)
def test_real_outputs_validate(name: str, outputs: dict[str, list[Any]]) -> None:
    Draft202012Validator.check_schema(schema(name))
    assert outputs[name]
    for data in outputs[name]:
        validate(name, data)


def test_outputs_cover_what_the_schemas_allow(outputs: dict[str, list[Any]]) -> None:
    """The mixed corpus exercises the optional parts: skipped files, duplicates, extra
    metadata, entries of multi-article files, hits with fragments, matches."""
    mixed = outputs["info"][1]
    assert {s["file"] for s in mixed["skipped"]} >= {"c.json", "broken.rss", "empty.html"}
    assert mixed["duplicates"]
    assert any(a["extra"] for a in mixed["articles"])
    assert any(a["entry"] is not None for a in mixed["articles"])
    assert {a["language"] for a in mixed["articles"]} >= {"de", "en"}
    assert all(s["hits"] and s["hits"][0]["fragments"] for s in outputs["search"][0::3])
    assert any("matches" in s and s["matches"] for s in outputs["show"])
    assert outputs["index"][0]["indexed"] == 5 and outputs["index"][1]["warnings"]


def test_frames_evidence_is_verbatim(outputs: dict[str, list[Any]], env: dict[str, str]) -> None:
    frames = outputs["frames"][0]
    texts = {a["id"]: output("show", a["id"], env=env)["text"] for a in outputs["info"][0]["articles"]}  # fmt: skip
    for article in frames["articles"]:
        assert article["scored"] and article["primary"]
        for sentences in article["evidence"].values():
            for sentence in sentences:
                assert sentence in texts[article["id"]]


def _rename_each_key(data: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every key of every object in `data` (lists: their first item)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*path, key)
            yield from _rename_each_key(value, (*path, key))
    elif isinstance(data, list) and data:
        yield from _rename_each_key(data[0], (*path, 0))


def _renamed(data: Any, path: tuple[Any, ...]) -> Any:
    changed = copy.deepcopy(data)
    holder = changed
    for step in path[:-1]:
        holder = holder[step]
    holder[f"{path[-1]}_renamed"] = holder.pop(path[-1])
    return changed


# Objects whose keys are data (frame names, extra metadata keys), not part of the contract.
_OPEN_MAPS = {"extra", "scores", "evidence"}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_renamed_key_fails_validation(name: str, outputs: dict[str, list[Any]]) -> None:
    checked = 0
    for data in outputs[name]:
        for path in _rename_each_key(data):
            if any(step in _OPEN_MAPS for step in path[:-1]):
                continue
            assert errors(name, _renamed(data, path)), f"{name}: renaming {path} still validates"
            checked += 1
    assert checked > 5


def test_show_is_the_info_article_plus_text() -> None:
    article = schema("info")["$defs"]["article"]
    show = schema("show")
    assert set(show["properties"]) == set(article["properties"]) | {"text", "matches"}
    assert set(show["required"]) == set(article["required"]) | {"text"}
    for key, spec in article["properties"].items():
        assert show["properties"][key] == spec, key
    assert show["$defs"]["meta_field"] == schema("info")["$defs"]["meta_field"]


def test_metadata_sources_are_the_ones_index_gives() -> None:
    from index import models

    sources = {v for k, v in vars(models).items() if k.startswith("SOURCE_")}
    assert set(schema("info")["$defs"]["meta_field"]["properties"]["source"]["enum"]) == sources
    readme = (ROOT / "README.md").read_text("utf-8")
    for source in sources:
        assert f"`{source}`" in readme, source


def _property_names(node: Any) -> set[str]:
    names: set[str] = set()
    if isinstance(node, dict):
        names |= set(node.get("properties", {}))
        for value in node.values():
            names |= _property_names(value)
    elif isinstance(node, list):
        for value in node:
            names |= _property_names(value)
    return names


@pytest.mark.parametrize("name", COMMANDS)
def test_readme_documents_every_key(name: str) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"schemas/{name}.schema.json" in readme
    missing = sorted(key for key in _property_names(schema(name)) if f"`{key}`" not in readme)
    assert not missing, f"README does not document {name} keys {missing}"


# Files and state: the export files (JSON, and JSONL lines), note/notes and
# bookmark/bookmarks --json.
KEPT = ("export", "export-row", "note", "notes", "bookmark", "bookmarks")


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def kept_outputs(
    corpus: Path, env: dict[str, str], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, list[Any]]:
    """Real export files and note outputs, on the mixed corpus (multi-entry files,
    inferred and unknown values, a German page)."""
    out = tmp_path_factory.mktemp("exports")
    state = dict(env, XDG_STATE_HOME=str(tmp_path_factory.mktemp("state")))
    found: dict[str, list[Any]] = {name: [] for name in KEPT}
    for query in ("harbour", "", "zzzqqq"):
        _run("export", query, str(corpus), "--out", str(out / "x.json"), env=state)
        found["export"].append(json.loads((out / "x.json").read_text("utf-8")))
        _run("export", query, str(corpus), "--out", str(out / "x.jsonl"), env=state)
        lines = (out / "x.jsonl").read_text("utf-8").splitlines()
        found["export-row"].extend(json.loads(line) for line in lines)
    info = output("info", str(corpus), env=state)
    for article in info["articles"][:2]:
        found["note"].append(json.loads(_run("note", article["id"], "a note", str(corpus),
                                             "--tag", "t", "--json", env=state).stdout))  # fmt: skip
    found["notes"].append(json.loads(_run("notes", "--json", env=state).stdout))
    found["notes"].append(json.loads(_run("notes", "--search", "none such", "--json",
                                          env=state).stdout))  # fmt: skip
    first = info["articles"][0]["id"]
    for _ in range(2):  # bookmarked, then removed
        found["bookmark"].append(json.loads(_run("bookmark", first, str(corpus), "--json",
                                                 env=state).stdout))  # fmt: skip
        found["bookmarks"].append(json.loads(_run("bookmarks", "--json", env=state).stdout))
    found["bookmark"].append(json.loads(_run("bookmark", first, str(corpus), "--json",
                                             env=state).stdout))  # fmt: skip
    found["bookmarks"].append(json.loads(_run("bookmarks", "--json", env=state).stdout))
    return found


@pytest.mark.parametrize("name", KEPT)
def test_kept_outputs_validate(name: str, kept_outputs: dict[str, list[Any]]) -> None:
    Draft202012Validator.check_schema(schema(name))
    assert kept_outputs[name]
    for data in kept_outputs[name]:
        validate(name, data)
    if name == "export":  # each row of the JSON file is a JSONL line
        assert schema("export")["$defs"]["row"]["properties"] == schema("export-row")["properties"]


@pytest.mark.parametrize("name", KEPT)
def test_kept_renamed_key_fails(name: str, kept_outputs: dict[str, list[Any]]) -> None:
    checked = 0
    for data in kept_outputs[name][:3]:
        for path in _rename_each_key(data):
            assert errors(name, _renamed(data, path)), f"{name}: renaming {path} still validates"
            checked += 1
    assert checked > 5


@pytest.mark.parametrize("name", KEPT)
def test_readme_documents_every_kept_key(name: str) -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert f"schemas/{name}.schema.json" in readme
    missing = sorted(key for key in _property_names(schema(name)) if f"`{key}`" not in readme)
    assert not missing, f"README does not document {name} keys {missing}"
