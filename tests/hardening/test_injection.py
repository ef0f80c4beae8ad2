"""Injection: article text and metadata (title, outlet, author, url, file name) holding Rich
markup, ANSI CSI/OSC sequences (OSC 8 hyperlinks, OSC 52 clipboard writes), BiDi overrides
and zero-width characters. They are shown literally or made visible, never interpreted, in
the app and in every command's output; metadata never opens or writes a path outside the
corpus and the index."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from textual.widgets import Static

from explorer import make_app
from explorer.cli import main
from explorer.screens.analysis import AnalysisScreen
from explorer.screens.compare import CompareScreen
from explorer.screens.main import MainScreen
from index import Library
from tests.hardening.conftest import Hostile
from tests.hardening.hostile import ESCAPES, article

SGR = re.compile(r"\x1b\[[0-9;]*m")  # the styles Rich itself writes when colour is on
RICH_PROGRESS = re.compile(r"\x1b\[(\?25[lh]|2K|1A)")
EVIL_FILE = "evil [bold]name[red] \x1b[31m\u202e.txt"
COMMANDS = [
    ["info"],
    ["search", "zythinjected OR zythfrontmatter OR zythevilname", "--limit", "0"],
    ["show", "injected.jsonl"],
    ["show", "injected.md"],
    ["show", "evil"],
    ["frames"],
    ["quotes"],
    ["claims"],
    ["reuse"],
]


def run(hostile: Hostile, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    code = main([*args, str(hostile.corpus), "--index", str(hostile.index)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out, err


def assert_inert(output: str) -> None:
    """No control sequence but Rich's own styles, no BiDi control, no hyperlink."""
    bare = SGR.sub("", output)
    for escape in ESCAPES:
        assert escape not in bare, repr(escape)
    assert "\x1b]8;" not in output and "\x1b]52;" not in output


@pytest.mark.parametrize("colour", ["", "1"], ids=["pipe", "colour"])
@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_every_table_output_shows_hostile_text_literally(
    hostile: Hostile,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
    colour: str,
) -> None:
    monkeypatch.setenv("FORCE_COLOR", colour)
    monkeypatch.setenv("COLUMNS", "400")
    out, err = run(hostile, capsys, *command)
    assert_inert(out)
    assert_inert(err)
    if command[0] in ("info", "search") or command[1:2] in (["injected.jsonl"], ["injected.md"]):
        assert "[bold]bold[/bold]" in out and "[link=file:///etc/passwd]" in out
        assert "␛]0;pwned␇" in out or "<U+001B>" in out  # visible, not sent
    if command[0] in ("show", "search") and "evil" in " ".join(command):
        assert "<U+202E>" in out  # the file name's BiDi override made visible


def test_the_index_summary_names_hostile_file_names_literally(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.hardening.hostile import write_corpus

    monkeypatch.setenv("FORCE_COLOR", "1")
    corpus = write_corpus(tmp_path / "corpus")
    code = main(["index", str(corpus), "--index", str(tmp_path / "ix")])
    out, err = capsys.readouterr()
    assert code == 0
    assert_inert(out)
    assert_inert(RICH_PROGRESS.sub("", err))  # the bar's own cursor moves, nothing else
    assert "skipped <U+001B>]0;pwned<U+0007> [bold]skip[red] <U+202E>.txt: empty file" in SGR.sub(
        "", out
    )


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_every_json_output_escapes_control_characters(
    hostile: Hostile, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    out, _ = run(hostile, capsys, *command, "--json")
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    json.loads(out)


def test_json_keeps_metadata_as_data(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(hostile, capsys, "show", "evil", "--json")[0])
    assert data["file"] == EVIL_FILE  # exact, for scripts; JSON escapes the ESC as \u001b
    shown = json.loads(run(hostile, capsys, "show", "injected.jsonl", "--json")[0])
    assert shown["title"].startswith("Title [bold]bold[/bold] [link=file:///etc/passwd]")
    assert "␛]52;c;" in shown["text"] and "\x1b" not in shown["text"]


def test_zero_width_spaces_are_dropped_and_joiners_kept(hostile: Hostile) -> None:
    """Zero-width spaces only hinder search and reading, so reading drops them; joiners
    (needed by emoji and several scripts) stay as written: neither is interpreted."""
    text = hostile.library.article("injected.jsonl").article.text
    assert "\u200b" not in text and "zerowidth\u200d" in text
    assert hostile.library.search("zerowidth", strict=True).total >= 1


def test_a_reference_outside_the_corpus_is_never_opened(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    for ref in ("../../etc/passwd", "/etc/passwd", "file:///etc/passwd", "../loop/again"):
        code = main(["show", ref, str(hostile.corpus), "--index", str(hostile.index)])
        out, err = capsys.readouterr()
        assert code == 1 and out == "" and "root:" not in err
        assert err.startswith("explorer: no article ")


def test_metadata_naming_paths_never_reads_or_writes_outside(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(article("zythoutside"), encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.toml").write_text(
        '[[article]]\nfile = "../outside.txt"\ntitle = "Escaped"\n'
        '[[article]]\nfile = "story.md"\nurl = "file:///etc/passwd"\n',
        encoding="utf-8",
    )
    (corpus / "story.md").write_text(
        f"---\nfile: ../outside.txt\nurl: file:///etc/passwd\n---\n{article('zythinside')}\n",
        encoding="utf-8",
    )
    before = sorted(p.name for p in tmp_path.iterdir())
    library = Library(corpus, tmp_path / "ix")
    summary = library.build(workers=1)
    assert [a.file for a in library.articles()] == ["story.md"]
    assert library.search("zythoutside").total == 0
    assert summary.indexed == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "ix"])
    shown = library.article("story.md").article
    assert shown.meta.url.value == "file:///etc/passwd"  # kept as data, never opened
    assert library.changed_on_disk(shown) is None


def screen_text(app) -> str:  # type: ignore[no-untyped-def]
    return app.export_screenshot()


async def test_the_app_shows_hostile_text_and_metadata_literally(hostile: Hostile) -> None:
    app = make_app(hostile.corpus, hostile.index)
    async with app.run_test(size=(200, 60)) as pilot:
        for _ in range(400):
            if app.main is not None and app.main.ready and app.main.last_result is not None:
                break
            await pilot.pause(0.05)
        main_screen = app.main
        assert isinstance(main_screen, MainScreen)
        shown: list[str] = []
        for ref in ("injected.jsonl", "injected.md", "evil"):
            main_screen.open_article(ref, focus=True)
            for _ in range(100):
                pane = main_screen.query_one("ArticlePane")
                if pane.article is not None and pane.article.file.startswith(ref[:6]):  # type: ignore[attr-defined]
                    break
                await pilot.pause(0.05)
            await pilot.pause(0.2)
            header = str(main_screen.query_one("#article-header", Static).render())
            body = "".join(str(p.render()) for p in main_screen.query(".paragraph"))
            shown.append(header + body)
            assert_inert(header + body)
            svg = screen_text(app)
            assert "\x1b" not in svg and "\u202e" not in svg
        assert "[link=file:///etc/passwd]link[/link]" in shown[0]
        assert "Outlet [bold]bold[/bold]" in shown[0] and "Author [bold]bold[/bold]" in shown[0]
        assert "[red]Outlet[/red]" in shown[1]
        assert "evil [bold]name[red] <U+001B>[31m<U+202E>.txt" in shown[2]
        main_screen.query_one("#query").value = "zythinjected"  # type: ignore[attr-defined]
        for _ in range(100):
            if main_screen.last_result and main_screen.last_result.query == "zythinjected":
                break
            await pilot.pause(0.05)
        await pilot.pause(0.2)
        results = screen_text(app)
        assert "\x1b" not in results and "Title&#160;[bold]bold[/bold]" in results
        main_screen.compare(
            hostile.library.article("injected.jsonl").article.id,
            hostile.library.article("injected.md").article.id,
        )
        for _ in range(100):
            if isinstance(app.screen, CompareScreen):
                break
            await pilot.pause(0.05)
        await pilot.pause(0.5)
        assert "\x1b" not in screen_text(app) and "\u202e" not in screen_text(app)
        await pilot.press("escape")
        await pilot.pause(0.2)
        main_screen.action_analysis()
        for _ in range(200):
            if isinstance(app.screen, AnalysisScreen) and app.screen.analysis is not None:
                break
            await pilot.pause(0.05)
        await pilot.press("tab", "down", "right", "down")
        await pilot.pause(0.3)
        assert "\x1b" not in screen_text(app) and "\u202e" not in screen_text(app)
        await pilot.press("escape")
        main_screen.action_timeline()
        await pilot.pause(0.5)
        assert "\x1b" not in screen_text(app) and "\u202e" not in screen_text(app)
        assert app.is_running
