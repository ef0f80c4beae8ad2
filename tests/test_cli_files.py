"""The commands that write files or keep state, through a subprocess: export, show
--markdown, report, note, notes, bookmark, bookmarks, config; bad input is one line and its exit code."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

CORPUS = {
    "one.md": '---\ntitle: "+SUM(A1:A9)"\noutlet: Valley Post\ndate: 2023-11-05\n---\n'
    "The valley dam will be raised by four metres, the water board said on Friday.\n"
    '"The work is overdue," said Ines Moreau, the board\'s engineer.\n',
    "two.md": "---\ntitle: Dam to rise\noutlet: Ridge Herald\ndate: 2023-11-06\n---\n"
    "The valley dam will be raised by four metres, the water board said on Friday.\n"
    "Farmers downstream asked for compensation for the land that will flood.\n",
}


def run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=env, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    values = dict(os.environ)
    values.pop("EXPLORER_DEBUG", None)
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        values[var] = str(home / var.lower())
    return values


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> Path:
    root = tmp_path_factory.mktemp("dam")
    for name, text in CORPUS.items():
        (root / name).write_text(text, encoding="utf-8")
    assert run("index", str(root), env=env).returncode == 0
    return root


def test_export_csv_json_jsonl(corpus: Path, env: dict[str, str], tmp_path: Path) -> None:
    for name in ("hits.csv", "hits.json", "hits.jsonl"):
        done = run("export", "dam", str(corpus), "--out", str(tmp_path / name), env=env)
        assert done.returncode == 0, done.stderr
        assert "wrote 2 hits of 'dam'" in done.stderr and done.stdout == ""
    with open(tmp_path / "hits.csv", encoding="utf-8-sig", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert {r["outlet"] for r in table} == {"Valley Post", "Ridge Herald"}
    assert next(r for r in table if r["outlet"] == "Valley Post")["title"] == "'+SUM(A1:A9)"
    data = json.loads((tmp_path / "hits.json").read_text("utf-8"))
    lines = [json.loads(x) for x in (tmp_path / "hits.jsonl").read_text("utf-8").splitlines()]
    assert data["rows"] == lines and data["total"] == 2
    assert not list(corpus.glob("*.csv"))  # nothing written into the corpus


def test_export_to_stdout_needs_a_format(corpus: Path, env: dict[str, str]) -> None:
    done = run("export", "farmers", str(corpus), "--out", "-", "--format", "jsonl", env=env)
    assert done.returncode == 0 and json.loads(done.stdout)["outlet"] == "Ridge Herald"
    done = run("export", "farmers", str(corpus), "--out", "-", env=env)
    assert done.returncode == 2 and done.stderr.count("\n") == 1


def test_bad_out_paths_are_one_line(corpus: Path, env: dict[str, str], tmp_path: Path) -> None:
    unknown = run("export", "dam", str(corpus), "--out", str(tmp_path / "x.xlsx"), env=env)
    assert unknown.returncode == 2
    assert unknown.stderr.startswith("explorer: ") and unknown.stderr.count("\n") == 1
    assert "x.xlsx" in unknown.stderr and ".csv" in unknown.stderr
    missing = run("export", "dam", str(corpus), "--out", str(tmp_path / "no" / "x.csv"), env=env)
    assert missing.returncode == 1 and missing.stderr.count("\n") == 1
    assert "Traceback" not in missing.stderr and "does not exist" in missing.stderr
    report = run("report", str(corpus), "--out", str(tmp_path / "r.pdf"), env=env)
    assert report.returncode == 2 and ".html" in report.stderr


def test_show_markdown(corpus: Path, env: dict[str, str], tmp_path: Path) -> None:
    done = run("show", "two.md", str(corpus), "--markdown", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("---\n") and "outlet: Ridge Herald" in done.stdout
    assert "# Dam to rise" in done.stdout
    out = tmp_path / "two.md"
    assert (
        run("show", "two.md", str(corpus), "--markdown", "--out", str(out), env=env).returncode == 0
    )
    assert out.read_text("utf-8") == done.stdout


def test_report_markdown_and_html(corpus: Path, env: dict[str, str], tmp_path: Path) -> None:
    for name in ("r.md", "r.html"):
        done = run("report", str(corpus), "--out", str(tmp_path / name), env=env)
        assert done.returncode == 0, done.stderr
    md = (tmp_path / "r.md").read_text("utf-8")
    html = (tmp_path / "r.html").read_text("utf-8")
    assert "Valley Post" in md and "Ridge Herald" in md and "## Claim coverage" in md
    assert "Ines Moreau" in html and "<script" not in html
    done = run("report", str(corpus), "--query", "farmers", "--out", "-", "--format", "md", env=env)
    assert done.returncode == 0 and "1 articles" in done.stdout


def test_note_and_notes(corpus: Path, env: dict[str, str]) -> None:
    added = run("note", "one.md", "Ask the board for the tender", str(corpus), "--tag", "follow-up",
                "--json", env=env)  # fmt: skip
    assert added.returncode == 0, added.stderr
    note = json.loads(added.stdout)
    assert note["text"] == "Ask the board for the tender" and note["tags"] == ["follow-up"]
    assert run("note", "two.md", "Compensation figures?", str(corpus), env=env).returncode == 0
    found = json.loads(run("notes", "--search", "TENDER", "--json", env=env).stdout)
    assert [n["text"] for n in found["notes"]] == ["Ask the board for the tender"]
    assert len(json.loads(run("notes", str(corpus), "--json", env=env).stdout)["notes"]) == 2
    table = run("notes", "--search", "follow", env=env)
    assert table.returncode == 0 and "tender" in table.stdout
    empty = run("note", "one.md", "  ", str(corpus), env=env)
    assert empty.returncode == 1 and empty.stderr.count("\n") == 1


def test_a_note_deleted_by_its_id(corpus: Path, env: dict[str, str]) -> None:
    added = json.loads(run("note", "two.md", "Delete me", str(corpus), "--json", env=env).stdout)
    kept = json.loads(run("note", "two.md", "Keep me", str(corpus), "--json", env=env).stdout)
    deleted = run("notes", "--delete", str(added["id"]), "--json", env=env)
    assert deleted.returncode == 0, deleted.stderr
    assert json.loads(deleted.stdout)["text"] == "Delete me"
    left = [n["id"] for n in json.loads(run("notes", "--json", env=env).stdout)["notes"]]
    assert added["id"] not in left and kept["id"] in left
    again = run("notes", "--delete", str(added["id"]), env=env)
    assert again.returncode == 1 and again.stderr.count("\n") == 1
    assert f"no note {added['id']}" in again.stderr and "explorer notes" in again.stderr
    mixed = run("notes", str(corpus), "--delete", str(kept["id"]), env=env)
    assert mixed.returncode == 2 and mixed.stderr.count("\n") == 1


def test_bookmark_toggles_and_bookmarks_lists(corpus: Path, env: dict[str, str]) -> None:
    first = json.loads(run("bookmark", "one.md", str(corpus), "--json", env=env).stdout)
    assert first["bookmarked"] is True and first["title"] == "+SUM(A1:A9)"
    listed = json.loads(run("bookmarks", str(corpus), "--json", env=env).stdout)["bookmarks"]
    assert [b["article"] for b in listed] == [first["article"]]
    table = run("bookmarks", env=env)
    assert table.returncode == 0 and "1 bookmark" in table.stdout
    second = run("bookmark", "one.md", str(corpus), env=env)
    assert second.returncode == 0 and "removed the bookmark" in second.stdout
    assert json.loads(run("bookmarks", "--json", env=env).stdout) == {"bookmarks": []}
    unknown = run("bookmark", "nothing-like-this", str(corpus), env=env)
    assert unknown.returncode == 1 and unknown.stderr.count("\n") == 1


def test_config_path_example_and_a_broken_config(
    corpus: Path, env: dict[str, str], tmp_path: Path
) -> None:
    path = Path(run("config", "--path", env=env).stdout.strip())
    assert path == Path(env["XDG_CONFIG_HOME"]) / "explorer" / "config.toml"
    example = run("config", "--example", env=env).stdout
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(example, encoding="utf-8")
    checked = run("config", env=env)
    assert checked.returncode == 0 and checked.stderr == "", checked.stderr
    assert "theme    textual-light" in checked.stdout
    try:
        path.write_text('theme = 7\ncolour = "red"\n', encoding="utf-8")
        done = run("search", "dam", str(corpus), env=env)
        assert done.returncode == 0 and "2 hits" in done.stdout
        lines = done.stderr.splitlines()
        assert any(str(path) in line and "'theme'" in line for line in lines)
        assert any(str(path) in line and "'colour'" in line for line in lines)
        path.write_text("theme = [unclosed\n", encoding="utf-8")
        done = run("search", "dam", str(corpus), env=env)
        assert done.returncode == 0
        assert [line for line in done.stderr.splitlines() if "config" in line] == [
            line for line in done.stderr.splitlines() if str(path) in line and "TOML" in line
        ]
        assert run("config", env=env).returncode == 1
        path.write_text(f'corpus = "{corpus}"\n', encoding="utf-8")
        info = run("info", "--json", env=env)
        assert json.loads(info.stdout)["corpus"] == str(corpus)
    finally:
        path.unlink()
