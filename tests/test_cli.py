"""The command line through a subprocess, as a script or a person runs it."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
HIGHLIGHT = re.compile(r"\x1b\[1;30;43m([^\x1b]+)\x1b\[0m")  # "bold black on yellow"


def run(
    *args: str, env: dict[str, str] | None = None, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    values = dict(env or os.environ)
    values.pop("EXPLORER_DEBUG", None)
    values.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env=values,
        timeout=120,
    )


def run_code(code: str, env: dict[str, str], **extra_env: str) -> subprocess.CompletedProcess[str]:
    """`explorer.cli.main` in a fresh interpreter after `code` has run (to plant a fault)."""
    values = dict(env)
    values.pop("EXPLORER_DEBUG", None)
    values.update(extra_env)
    script = code + "\nfrom explorer.cli import main\nraise SystemExit(main(['info']))\n"
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True, text=True, encoding="utf-8", cwd=ROOT, env=values, timeout=120,
    )  # fmt: skip


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One data dir for the module with the bundled corpus indexed once."""
    env = dict(os.environ)
    env["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("data"))
    from index import BUNDLED_CORPUS

    built = run("index", str(BUNDLED_CORPUS), env=env)
    assert built.returncode == 0, built.stderr
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
    (root / "evil.jsonl").write_text(
        json.dumps(
            {
                "title": "Evil \x1b[2J title [red]swallowed?[/red] \u202e end",
                "source": "Out\x1b]0;pwned\x07let",
                "url": "https://evil.example/\x1b[31m",
                "text": "A bus strike stopped the city for a day, and the union promised "
                "more strikes next month unless wages rise with prices.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    (root / "cafe.md").write_text(
        "---\ntitle: Café crème\n---\nLe café est fermé depuis mardi, disent les habitants du "
        "quartier, qui regrettent déjà leur lieu de rencontre préféré.\n",
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


@pytest.fixture(scope="module")
def mixed_ix(mixed: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The mixed corpus's index, built once for the tests that only read it."""
    ix = str(tmp_path_factory.mktemp("mixed-ix"))
    assert run("index", str(mixed), "--index", ix).returncode == 0
    return ix


def test_help_on_every_command(home: dict[str, str]) -> None:
    from explorer.cli import COMMANDS

    for args in ([], *([name] for name in COMMANDS)):
        result = run(*args, "--help", env=home)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("usage: explorer")
    top = run("--help", env=home).stdout
    assert all(name in top for name in COMMANDS) and "exit codes" in top
    version = run("--version", env=home)
    assert version.returncode == 0 and version.stdout.startswith("explorer ")


def test_first_use_builds_the_index_quietly_for_json(tmp_path: Path) -> None:
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "fresh"))
    result = run("search", "closed model", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] >= 4  # stdout is pure JSON ...
    assert "no index yet" in result.stderr  # ... and the build's lines went to stderr


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
    assert sum(f["count"] for f in data["facets"]["outlets"]) == data["total"]


def test_search_table_highlights_matches(home: dict[str, str]) -> None:
    plain = run("search", "closed", "--limit", "0", env=home)
    assert plain.returncode == 0, plain.stderr
    assert "hits for 'closed'" in plain.stdout and "NewsBytes" in plain.stdout
    assert "\x1b" not in plain.stdout  # no styling when stdout is not a terminal
    coloured = run("search", "closed", "--limit", "0", env=home, FORCE_COLOR="1", COLUMNS="200")
    marked = HIGHLIGHT.findall(coloured.stdout)
    assert marked and all(word.lower().startswith("clos") for word in marked), marked


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
    table = run("info", env=home, COLUMNS="120")
    assert table.returncode == 0
    assert "5 from 5 outlets" in table.stdout
    assert "2025-07-15 (inferred)" in table.stdout
    assert "manifest" in table.stdout and "detected" in table.stdout  # each value's source
    for article in data["articles"]:
        assert article["id"][:8] in table.stdout


def test_show_by_file_prefix_with_query(home: dict[str, str]) -> None:
    result = run("show", "003", "--query", "closed", "--json", env=home)
    data = json.loads(result.stdout)
    assert data["author"] == "Andrew Lee"
    assert "HomeNews" not in data["text"] and "More Pictures" not in data["text"]
    assert data["matches"]
    for start, end in data["matches"]:
        assert data["text"][start:end].lower().startswith("clos")  # closed and its stem forms
    shown = run("show", "003", "--query", "closed", env=home, FORCE_COLOR="1", COLUMNS="200")
    assert shown.returncode == 0, shown.stderr
    marked = HIGHLIGHT.findall(shown.stdout)
    assert len(marked) == len(data["matches"])
    assert "Andrew Lee" in shown.stdout and "Unix time" in shown.stdout  # value and its note


def test_index_summary_names_broken_files(mixed: Path, tmp_path: Path) -> None:
    ix = str(tmp_path / "ix")
    first = run("index", str(mixed), "--index", ix)
    assert first.returncode == 0, first.stderr
    lines = first.stdout.splitlines()
    for name in ("broken.json", "image.txt"):
        line = next(line for line in lines if name in line)
        assert line.startswith(f"skipped {name}: ") and len(line) > len(name) + 12  # a reason
    assert any(line.startswith("warning feed.jsonl") for line in lines)
    assert "6 indexed, 0 unchanged, 0 removed, 2 skipped" in lines[-1]
    assert "Traceback" not in first.stderr
    again = run("index", str(mixed), "--index", ix, "--json")
    assert again.returncode == 0, again.stderr
    data = json.loads(again.stdout)
    assert (data["indexed"], data["unchanged"], data["rebuilt"]) == (0, 6, False)
    assert {s["file"] for s in data["skipped"]} == {"broken.json", "image.txt"}
    assert "Traceback" not in again.stderr


def test_index_json_on_a_fresh_index(mixed: Path, tmp_path: Path) -> None:
    result = run("index", str(mixed), "--index", str(tmp_path / "ix"), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["indexed"] == 6 and data["rebuilt"] is True
    assert {s["file"] for s in data["skipped"]} == {"broken.json", "image.txt"}
    assert any(w["file"] == "feed.jsonl" for w in data["warnings"])


def test_index_from_another_version_is_rebuilt_with_a_message(mixed: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    assert run("index", str(mixed), "--index", str(ix)).returncode == 0
    state = json.loads((ix / "state.json").read_text("utf-8"))
    (ix / "state.json").write_text(json.dumps({**state, "schema": -1}), "utf-8")
    searched = run("search", "tram", str(mixed), "--index", str(ix), "--json")
    assert searched.returncode == 0, searched.stderr
    assert json.loads(searched.stdout)["total"] >= 2
    assert "another version" in searched.stderr and "Traceback" not in searched.stderr
    (ix / "state.json").write_text(json.dumps({**state, "schema": -1}), "utf-8")
    rebuilt = run("index", str(mixed), "--index", str(ix))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "another version" in rebuilt.stdout.splitlines()[0]
    assert "6 indexed" in rebuilt.stdout.splitlines()[-1]


def test_index_with_a_progress_bar(mixed: Path, tmp_path: Path) -> None:
    result = run("index", str(mixed), "--index", str(tmp_path / "ix"), FORCE_COLOR="1")
    assert result.returncode == 0, result.stderr
    assert "6 indexed" in result.stdout and "Traceback" not in result.stderr


def test_untrusted_text_stays_literal(mixed: Path, mixed_ix: str) -> None:
    for colour in ("", "1"):
        table = run("search", "injected OR strike", str(mixed), "--index", mixed_ix,
                    FORCE_COLOR=colour, COLUMNS="300")  # fmt: skip
        assert table.returncode == 0, table.stderr
        info = run("info", str(mixed), "--index", mixed_ix, FORCE_COLOR=colour, COLUMNS="300")
        shown = run("show", "escape", str(mixed), "--index", mixed_ix, FORCE_COLOR=colour)
        evil = run("show", "evil", str(mixed), "--index", mixed_ix, FORCE_COLOR=colour)
        for out in (table.stdout, info.stdout, shown.stdout, evil.stdout):
            for injected in ("\x1b[31m", "\x1b[2J", "\x1b]0;", "\x07", "\u202e"):
                assert injected not in out
        assert "[bold]markup[/bold]" in shown.stdout
        assert "[link=file:///etc/passwd]" in shown.stdout
        assert "[red]swallowed?[/red]" in evil.stdout and "[red]swallowed?[/red]" in info.stdout
    data = json.loads(run("show", "escape", str(mixed), "--index", mixed_ix, "--json").stdout)
    assert "\x1b" not in data["text"] and "␛[31m" in data["text"]
    md = run("search", "tram", str(mixed), "--index", mixed_ix, COLUMNS="200")
    assert "[bold]splits[/bold]" in md.stdout


def test_json_is_utf8_not_ascii_escaped(mixed: Path, mixed_ix: str) -> None:
    result = run("search", "café", str(mixed), "--index", mixed_ix, "--json")
    raw = result.stdout.encode("utf-8")
    assert "Café crème".encode() in raw
    assert b"\\u00e9" not in raw
    assert json.loads(raw.decode("utf-8"))["total"] == 1


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["search", '"closed mod'], 2, "unclosed quote at column 1"),
        (["search", "(open OR"], 2, "query"),
        (["search", "foo:bar"], 2, "unknown field"),
        (["search", "meta", "--since", "2025-13-45"], 2, "not a date"),
        (["search", "meta", "--limit", "-1"], 2, "--limit"),
        (["search", "meta", "--sort", "size"], 2, "invalid choice"),
        (["info", "/no/such/corpus"], 1, "/no/such/corpus"),
        (["show", "zzzzzz"], 1, "no article"),
        (["search"], 2, "required"),
        (["search", "-llama"], 2, "explorer search -- -word"),
        (["index", "/no/such/corpus"], 1, "no such file"),
        (["index", ".", "--workers", "0"], 2, "--workers"),
        (["/no/such/corpus"], 1, "/no/such/corpus: no such file or folder"),
        (["serch", "closed"], 2, "did you mean: explorer search"),
        (["info", "--bogus"], 2, "unrecognized arguments"),
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
    assert result.stdout == ""


def test_index_option_before_the_command(home: dict[str, str], tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    result = run("--index", str(ix), "search", "closed", "--json", env=home)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] >= 4 and ix.is_dir()


def test_internal_error_is_one_line_unless_debugging(home: dict[str, str]) -> None:
    fault = "import index\nindex.Library.info = lambda self: 1 / 0"
    result = run_code(fault, home)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "explorer: internal error: ZeroDivisionError: division by zero "
        "(set EXPLORER_DEBUG=1 for details)"
    ]
    debug = run_code(fault, home, EXPLORER_DEBUG="1")
    assert debug.returncode != 0 and "Traceback" in debug.stderr


def test_interrupt_exits_130_quietly(home: dict[str, str]) -> None:
    result = run_code(
        "import index\ndef stop(self):\n    raise KeyboardInterrupt\nindex.Library.info = stop",
        home,
    )
    assert result.returncode == 130
    assert result.stderr == "" and result.stdout == ""


@pytest.mark.parametrize("as_json", [False, True])
def test_closed_pipe_ends_quietly(as_json: bool, tmp_path: Path) -> None:
    corpus = tmp_path / "big"
    corpus.mkdir()
    (corpus / "long.txt").write_text(
        "\n\n".join(
            f"Paragraph {i}: the council met on day {i} to discuss tram line {i * 7}, "
            f"and {i % 13} members asked for a vote before the summer recess."
            for i in range(3000)
        ),
        encoding="utf-8",
    )
    env = dict(os.environ)
    env.pop("EXPLORER_DEBUG", None)
    ix = str(tmp_path / "ix")
    assert run("index", str(corpus), "--index", ix).returncode == 0
    args = ["show", "long", str(corpus), "--index", ix, *(["--json"] if as_json else [])]
    process = subprocess.Popen(
        [sys.executable, "-m", "explorer.cli", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=env,
    )  # fmt: skip
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(100)  # more than a pipe holds is on its way: the writer blocks
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert stderr == ""


def test_search_filters_and_sort(mixed: Path, mixed_ix: str) -> None:
    data = json.loads(run("search", "tram", str(mixed), "--index", mixed_ix, "--json",
                          "--outlet", "Wire").stdout)  # fmt: skip
    assert [h["outlet"] for h in data["hits"]] == ["Wire"]
    data = json.loads(run("search", "", str(mixed), "--index", mixed_ix, "--json",
                          "--since", "2025-03-01", "--sort", "date").stdout)  # fmt: skip
    assert data["total"] == 2
    assert all(h["date"] >= "2025-03-01" for h in data["hits"])


def test_analysis_tables_for_people_print_their_first_rows(home: dict[str, str]) -> None:
    """Tens of thousands of beats or quotes are not a table to read: the first rows, how
    many more, and the outlets that fit the terminal; --json keeps every one."""
    code = "import explorer.cli_analysis as shown\nshown.SHOWN = 2\n"
    script = code + "from explorer.cli import main\nraise SystemExit(main(['claims']))\n"
    claims = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            encoding="utf-8", cwd=ROOT, env={**home, "COLUMNS": "60"},
                            timeout=120)  # fmt: skip
    assert claims.returncode == 0, claims.stderr
    assert "b1 " in claims.stdout and "b2 " in claims.stdout and "b3 " not in claims.stdout
    every = json.loads(run("claims", "--json", env=home).stdout)["claims"]
    shared = sum(not claim["single_source"] for claim in every)
    assert shared > 2 and len(every) > shared  # --json keeps every one
    assert f"… and {shared - 2} more beats told by several outlets" in claims.stdout
    assert f"{shared} story beats reported by several outlets" in claims.stdout
    assert "Columns: the 3 of 5 outlets" in claims.stdout
    header = next(line for line in claims.stdout.splitlines() if "┃ beat" in line)
    assert header.count("┃") == 5  # the beat column and three outlets


@pytest.mark.parametrize("command", ["frames", "quotes", "claims", "reuse"])
def test_an_empty_corpus_is_one_line_not_empty_tables(command: str, tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    done = run(command, str(tmp_path / "corpus"), env=env)
    assert done.returncode == 0
    assert done.stdout == ""
    (line,) = done.stderr.strip().splitlines()[-1:]
    assert "holds no articles to analyse" in line
    as_json = run(command, str(tmp_path / "corpus"), "--json", env=env)
    assert as_json.returncode == 0 and json.loads(as_json.stdout) is not None
