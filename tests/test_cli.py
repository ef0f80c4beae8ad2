"""The command line through a subprocess, as a script or a person runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=env or dict(os.environ),
        timeout=120,
    )


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One data dir for the module, so the bundled corpus is indexed once."""
    data = tmp_path_factory.mktemp("data")
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(data)
    env.pop("EXPLORER_DEBUG", None)
    return env


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("mixed")
    (root / "plain.txt").write_text(
        "Berlin. The city council voted on Tuesday to expand the tram network, "
        "a plan that has divided residents for years and will cost the city dearly.\n",
        encoding="utf-8",
    )
    (root / "front.md").write_text(
        "---\ntitle: Tram vote [bold]splits[/bold] council\noutlet: Example Times\n"
        "date: 2025-03-04\nauthor: Jane Roe\nlang: en\nsection: city\n---\n"
        "The council's tram vote split members along party lines, with the "
        "opposition calling the plan reckless and expensive for taxpayers.\n",
        encoding="utf-8",
    )
    (root / "feed.jsonl").write_text(
        json.dumps(
            {
                "title": "Tram plan approved",
                "source": "Wire",
                "text": "The tram plan was approved by a narrow margin after a long debate "
                "in the council chamber on Tuesday evening.",
                "date": "2025-03-04",
            }
        )
        + "\n{not json\n",
        encoding="utf-8",
    )
    (root / "broken.json").write_text("{oops", encoding="utf-8")
    (root / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (root / "escape.txt").write_text(
        "Injected \x1b[31mred\x1b[0m text with [bold]markup[/bold] and "
        "[link=file:///etc/passwd]a link[/link] that must stay literal in every output.\n",
        encoding="utf-8",
    )
    return root


def test_help_on_every_command(home: dict[str, str]) -> None:
    for args in ([], ["index"], ["info"], ["search"], ["show"]):
        result = run(*args, "--help", env=home)
        assert result.returncode == 0, result.stderr
        assert "usage:" in result.stdout


def test_search_json_on_bundled_corpus(home: dict[str, str]) -> None:
    result = run("search", "closed model", "--json", env=home)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "closed model"
    files = {hit["file"] for hit in data["hits"]}
    assert len(files) >= 4
    hit = data["hits"][0]
    assert set(hit) >= {"id", "file", "outlet", "title", "date", "score", "fragments"}
    fragment = hit["fragments"][0]
    start, end = fragment["spans"][0]
    assert fragment["text"][start:end].lower() in {"closed", "model", "models"}


def test_prefix_search_finds_superintelligence(home: dict[str, str]) -> None:
    data = json.loads(run("search", "superintelligen", "--json", env=home).stdout)
    assert data["total"] >= 4


def test_info_lists_five_outlets_and_inferred_date(home: dict[str, str]) -> None:
    data = json.loads(run("info", "--json", env=home).stdout)
    assert len(data["articles"]) == 5
    assert len({a["outlet"] for a in data["articles"]}) == 5
    beamstart = next(a for a in data["articles"] if a["file"].startswith("003"))
    assert beamstart["date"].startswith("2025-07-15")
    assert beamstart["metadata"]["date"]["confidence"] == "inferred"
    for article in data["articles"]:
        for field in article["metadata"].values():
            assert field["confidence"] in {"confirmed", "inferred", "unknown"}
    table = run("info", env=home)
    assert table.returncode == 0
    assert "2025-07-15" in table.stdout and "(inferred)" in table.stdout


def test_show_by_file_prefix_with_query(home: dict[str, str]) -> None:
    result = run("show", "003", "--query", "closed", "--json", env=home)
    data = json.loads(result.stdout)
    assert data["author"] == "Andrew Lee"
    assert "HomeNews" not in data["text"] and "More Pictures" not in data["text"]
    assert data["matches"]
    for start, end in data["matches"]:
        assert data["text"][start:end].lower().startswith("clos")  # closed and its stem forms


def test_index_summary_names_broken_files(mixed: Path, tmp_path: Path) -> None:
    result = run("index", str(mixed), "--index", str(tmp_path / "ix"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["indexed"] == 4
    skipped = {s["file"] for s in data["skipped"]}
    assert skipped == {"broken.json", "image.txt"}
    assert any(w["file"] == "feed.jsonl" for w in data["warnings"])
    assert "Traceback" not in result.stderr
    again = json.loads(run("index", str(mixed), "--index", str(tmp_path / "ix"), "--json").stdout)
    assert again["indexed"] == 0 and again["unchanged"] == 4


def test_untrusted_text_stays_literal(mixed: Path, tmp_path: Path) -> None:
    ix = str(tmp_path / "ix")
    table = run("search", "injected", str(mixed), "--index", ix)
    assert table.returncode == 0, table.stderr
    assert "\x1b[31m" not in table.stdout
    shown = run("show", "escape", str(mixed), "--index", ix)
    assert "[bold]markup[/bold]" in shown.stdout
    assert "[link=file:///etc/passwd]" in shown.stdout
    assert "\x1b" not in shown.stdout
    data = json.loads(run("show", "escape", str(mixed), "--index", ix, "--json").stdout)
    assert "\x1b" not in data["text"] and "␛[31m" in data["text"]
    md = run("search", "tram", str(mixed), "--index", ix)
    assert "[bold]splits[/bold]" in md.stdout


def test_json_is_utf8_not_ascii_escaped(mixed: Path, tmp_path: Path) -> None:
    (mixed / "cafe.md").write_text(
        "---\ntitle: Café crème\n---\nLe café est fermé depuis mardi, disent les habitants du "
        "quartier, qui regrettent déjà leur lieu de rencontre préféré.\n",
        encoding="utf-8",
    )
    try:
        result = run("search", "café", str(mixed), "--index", str(tmp_path / "ix"), "--json")
        assert "Café crème" in result.stdout
        assert "\\u00e9" not in result.stdout
    finally:
        (mixed / "cafe.md").unlink()


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["search", '"closed mod'], 2, "unclosed quote at column 1"),
        (["search", "(open OR"], 2, "query"),
        (["search", "foo:bar"], 2, "unknown field"),
        (["search", "meta", "--since", "2025-13-45"], 2, "not a date"),
        (["info", "/no/such/corpus"], 1, "/no/such/corpus"),
        (["show", "zzzzzz"], 1, "no article"),
        (["search"], 2, "required"),
        (["index", "/no/such/corpus"], 1, "no such file"),
    ],
)
def test_errors_are_one_line(home: dict[str, str], args: list[str], code: int, needle: str) -> None:
    result = run(*args, env=home)
    assert result.returncode == code, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("explorer: ")
    assert needle in lines[0]
    assert "Traceback" not in result.stderr


def test_search_filters_and_sort(mixed: Path, tmp_path: Path) -> None:
    ix = str(tmp_path / "ix")
    data = json.loads(run("search", "tram", str(mixed), "--index", ix, "--json",
                          "--outlet", "Wire").stdout)  # fmt: skip
    assert [h["outlet"] for h in data["hits"]] == ["Wire"]
    data = json.loads(run("search", "", str(mixed), "--index", ix, "--json",
                          "--since", "2025-03-01", "--sort", "date").stdout)  # fmt: skip
    assert data["total"] == 2
