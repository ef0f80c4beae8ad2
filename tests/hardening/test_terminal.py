"""Odd terminals: tiny sizes, a storm of resizes, NO_COLOR, TERM=dumb/linux and a C or
Latin-1 locale. The app stays up and usable; the command line never fails on a character
the terminal cannot show and never sends colour where it was asked not to."""

from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual.events import Resize
from textual.geometry import Size
from textual.widgets import Static

from explorer import make_app
from explorer.app import ExplorerApp
from explorer.cli import main
from explorer.screens.main import MainScreen
from tests.hardening.conftest import Hostile

ROOT = Path(__file__).resolve().parents[2]
SGR = re.compile(r"\x1b\[[0-9;]*m")


async def settle(pilot, app: ExplorerApp) -> MainScreen:  # type: ignore[no-untyped-def]
    for _ in range(400):
        if app.main is not None and app.main.ready and app.main.last_result is not None:
            return app.main
        await pilot.pause(0.05)
    raise AssertionError("the app never became ready")


async def read_one_article(pilot, app: ExplorerApp, query: str) -> None:  # type: ignore[no-untyped-def]
    """Type a query, open the first hit, step through matches, open the timeline and back."""
    main_screen = await settle(pilot, app)
    await pilot.press(*query)
    for _ in range(200):
        if main_screen.last_result is not None and main_screen.last_result.query == query:
            break
        await pilot.pause(0.05)
    await pilot.press("enter", "enter")
    await pilot.pause(0.3)
    await pilot.press("n", "n", "N", "tab", "ctrl+t")
    await pilot.pause(0.3)
    await pilot.press("ctrl+t", "escape", "escape")
    await pilot.pause(0.2)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)], ids=["80x24", "40x12"])
async def test_the_app_at_a_small_size_is_usable(hostile: Hostile, size: tuple[int, int]) -> None:
    app = make_app(hostile.corpus, hostile.index)
    async with app.run_test(size=size) as pilot:
        await read_one_article(pilot, app, "zythinjected")
        assert app.is_running and isinstance(app.screen, MainScreen)
        article = app.screen.query_one("ArticlePane")
        assert article.article is not None  # type: ignore[attr-defined]
        assert "Traceback" not in app.export_screenshot()


async def test_a_storm_of_resizes_leaves_the_app_up(hostile: Hostile) -> None:
    app = make_app(hostile.corpus, hostile.index)
    sizes = random.Random(7).choices(range(1, 200), k=120)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot, app)
        for width, height in zip(sizes[::2], sizes[1::2], strict=True):
            # a storm: every resize posted before the app has laid out the last one
            app.post_message(Resize(Size(width, max(1, height // 3)), Size(width, height)))
        await pilot.pause(0.3)
        for width, height in zip(sizes[:16:2], sizes[1:16:2], strict=True):
            await pilot.resize_terminal(width, max(1, height // 3))  # and some laid out
        await pilot.resize_terminal(2, 1)
        await pilot.resize_terminal(120, 40)
        await pilot.pause(0.2)
        await read_one_article(pilot, app, "ferry")
        assert app.is_running and app.size == (120, 40)
        status = str(app.screen.query_one("#status", Static).render())
        assert "corpus:" in status


async def test_no_color_is_honoured_by_the_app(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(hostile.corpus, hostile.index)
    async with app.run_test(size=(80, 24)) as pilot:
        await read_one_article(pilot, app, "ferry")
        assert app.no_color and app.is_running


def run_cli(capsys: pytest.CaptureFixture[str], hostile: Hostile, *args: str) -> str:
    code = main([*args, str(hostile.corpus), "--index", str(hostile.index)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out + err


@pytest.mark.parametrize("command", [["info"], ["search", "ferry"], ["show", "injected.jsonl"]])
def test_no_color_is_honoured_by_the_command_line(
    hostile: Hostile,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    command: list[str],
) -> None:
    monkeypatch.setenv("FORCE_COLOR", "1")  # a terminal, as far as Rich can tell
    monkeypatch.setenv("COLUMNS", "160")
    coloured = run_cli(capsys, hostile, *command)
    assert re.search(r"\x1b\[[0-9;]*3[0-9]", coloured)  # colour when it is allowed
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run_cli(capsys, hostile, *command)
    assert not re.search(r"\x1b\[[0-9;]*(3|4)[0-9]", plain)  # no foreground or background colour


@pytest.mark.parametrize("term", ["dumb", "linux"])
def test_term_dumb_or_linux_gets_no_stray_escapes(
    hostile: Hostile, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], term: str
) -> None:
    monkeypatch.setenv("TERM", term)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "160")
    out = run_cli(capsys, hostile, "search", "ferry")
    if term == "dumb":
        assert "\x1b" not in out
    else:
        assert "\x1b" not in SGR.sub("", out)  # styles only, nothing else
    assert "hits for 'ferry'" in out


def in_locale(hostile: Hostile, *args: str, **env: str) -> subprocess.CompletedProcess[bytes]:
    values = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "PYTHONIO"))}
    values.update(env)
    values.pop("EXPLORER_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "explorer.cli", *args, str(hostile.corpus),
         "--index", str(hostile.index)],
        capture_output=True, cwd=ROOT, env=values, timeout=120,
    )  # fmt: skip


LOCALES = {  # LC_ALL=C alone turns on Python's UTF-8 mode (PEP 538/540): both are checked
    "C": {"LANG": "C", "LC_ALL": "C"},
    "C-without-utf8-mode": {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0"},
    "latin1-stdout": {"PYTHONIOENCODING": "latin-1"},
}


@pytest.mark.parametrize("locale", LOCALES, ids=list(LOCALES))
def test_a_c_or_latin1_locale_never_fails_on_non_ascii_articles(
    hostile: Hostile, locale: str
) -> None:
    env = LOCALES[locale]
    for args in (["info"], ["show", "shiftjis"], ["quotes"]):
        table = in_locale(hostile, *args, **env)
        assert table.returncode == 0, table.stderr
        assert b"Traceback" not in table.stderr and b"internal error" not in table.stderr
        assert b"\x1b" not in table.stdout
    shown = in_locale(hostile, "show", "gb18030", **env).stdout.decode("utf-8", "replace")
    assert "扩大渡轮网络" in shown or "\\u6269\\u5927\\u6e21\\u8f6e\\u7f51\\u7edc" in shown
    searched = in_locale(hostile, "search", "港口委员会", "--json", **env)
    assert searched.returncode == 0, searched.stderr
    data = json.loads(searched.stdout.decode("utf-8"))  # JSON stays UTF-8 whatever the locale
    assert [h["file"] for h in data["hits"]] == ["gb18030.txt"]
    assert data["hits"][0]["fragments"][0]["text"].startswith("港口委员会")
