"""Broken and odd queries: on the command line a query that cannot be parsed exits 2 with
one line saying what is wrong and where; a query with nothing to search gives results with
a notice; in the app every one of them is repaired or noted inline and the app stays up.
Nothing in the index changes either way."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Static

from explorer import make_app
from explorer.cli import main
from explorer.screens.main import MainScreen
from explorer.widgets.results_list import ResultsList
from index import Library
from tests.hardening.conftest import Hostile

TEN_KB = "ferry " * 1700


def cli(hostile: Hostile, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["search", *args, str(hostile.corpus), "--index", str(hostile.index)])
    out, err = capsys.readouterr()
    return code, out, err


def strict_error(hostile: Hostile, capsys: pytest.CaptureFixture[str], query: str) -> str:
    """The one stderr line for a query the command line refuses (exit 2)."""
    code, out, err = (
        cli(hostile, capsys, "--", query) if query.startswith("-") else cli(hostile, capsys, query)
    )
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("explorer: query ")
    assert "Traceback" not in err and err.rstrip().endswith(
        "fix the query (see: explorer search --help)"
    )
    return err


def test_unbalanced_quote(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    assert "unclosed quote at column 1" in strict_error(hostile, capsys, '"harbour council')


def test_unbalanced_open_parenthesis(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    assert "unclosed parenthesis at column 1" in strict_error(hostile, capsys, "(ferry OR tram")


def test_unbalanced_close_parenthesis(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    assert "unmatched closing parenthesis at column 6" in strict_error(hostile, capsys, "ferry)")


@pytest.mark.parametrize(
    ("query", "needle"),
    [("AND", "AND with nothing before it"), ("OR", "OR with nothing before it"),
     ("NOT", "NOT with nothing after it"), ("ferry AND", "AND with nothing after it")],
)  # fmt: skip
def test_lone_operator(
    hostile: Hostile, capsys: pytest.CaptureFixture[str], query: str, needle: str
) -> None:
    assert needle in strict_error(hostile, capsys, query)


def test_lone_wildcard(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    assert "a wildcard alone matches everything" in strict_error(hostile, capsys, "*")


def test_leading_and_trailing_wildcard(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "a word cannot start with a wildcard" in strict_error(hostile, capsys, "*a*")


def test_field_with_no_value(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    assert "title: has no value at column 1" in strict_error(hostile, capsys, "title:")


def test_unknown_field(hostile: Hostile, capsys: pytest.CaptureFixture[str]) -> None:
    err = strict_error(hostile, capsys, "bogus:ferry")
    assert "unknown field 'bogus' (known: outlet, title, author, lang, date, url, file)" in err


def test_ten_kilobyte_query_is_one_short_line(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    err = strict_error(hostile, capsys, TEN_KB)
    assert "(10200 characters): too long: more than 64 words and operators" in err
    assert len(err) < 300


def test_deeply_nested_query_is_one_line(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "too long" in strict_error(hostile, capsys, "(" * 5000 + "ferry" + ")" * 5000)


def test_emoji_only_query_lists_everything_with_a_notice(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(hostile, capsys, "🚢", "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] == len(hostile.library.articles())
    assert data["notice"] == "no searchable words in the query: every article listed"
    code, out, err = cli(hostile, capsys, "🚢")
    assert code == 0 and "note: no searchable words" in err


def test_emoji_beside_a_word_searches_the_word(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(hostile, capsys, "🚢 zythlatin", "--json")
    assert code == 0 and [h["file"] for h in json.loads(out)["hits"]] == ["latin1.txt"]


def test_right_to_left_query_finds_its_article(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = cli(hostile, capsys, "العبارات", "--json")
    assert code == 0 and [h["file"] for h in json.loads(out)["hits"]] == ["rtl.txt"]
    code, out, _ = cli(hostile, capsys, "\u202eferry\u202c", "--json")  # BiDi controls only
    assert code == 0 and json.loads(out)["total"] >= 1


def test_a_query_matching_everything_honours_the_limit_and_counts_all(tmp_path: Path) -> None:
    """2,000 one-line JSONL records (the 100k case is measured by hand, docs/reliability.md)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = (
        json.dumps(
            {"title": f"Item {i}", "source": f"Outlet {i % 7}", "text": f"Record {i} ferry."}
        )
        for i in range(2000)
    )
    (corpus / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    assert library.build(workers=1).indexed == 2000
    result = library.search("ferry", limit=20, strict=True)
    assert result.total == 2000 and len(result.hits) == 20
    assert sum(f.count for f in result.facets.outlets) == 2000
    everything = library.search("", limit=None)
    assert everything.total == 2000 and len(everything.hits) == 2000
    library.close()


async def test_the_app_notes_every_hostile_query_inline_and_stays_up(
    hostile: Hostile, tmp_path: Path
) -> None:
    queries = ['"harbour council', "(ferry OR tram", "ferry)", "AND", "OR", "NOT", "*", "*a*",
               "title:", "bogus:ferry", TEN_KB, "🚢", "العبارات", "(" * 3000]  # fmt: skip
    before = {a.id for a in hostile.library.articles()}
    app = make_app(hostile.corpus, hostile.index)
    async with app.run_test(size=(100, 30)) as pilot:
        main_screen = app.main
        assert isinstance(main_screen, MainScreen)
        for _ in range(400):
            if main_screen.ready:
                break
            await pilot.pause(0.05)
        box = main_screen.query_one("#query")
        notes: dict[str, str] = {}
        for query in queries:
            box.value = query  # type: ignore[attr-defined]
            for _ in range(200):
                last = main_screen.last_result
                if last is not None and last.query == query:
                    break
                await pilot.pause(0.05)
            assert main_screen.last_result is not None and main_screen.last_result.query == query
            notice = main_screen.query_one("#query-notice", Static)
            notes[query[:20]] = str(notice.render())
            assert main_screen.query_one("#results", ResultsList).row_count <= 30
        assert app.is_running and isinstance(app.screen, MainScreen)
    for query, needle in [('"harbour council', "unclosed quote"), ("(ferry OR tram", "unclosed"),
                          ("AND", "nothing before"), ("*", "wildcard"), ("title:", "no value"),
                          ("bogus:ferry", "unknown field"), (TEN_KB[:20], "too long"),
                          ("🚢", "no searchable words")]:  # fmt: skip
        assert needle in notes[query[:20]], (query, notes[query[:20]])
    assert notes["العبارات"] == ""
    assert {a.id for a in hostile.library.articles()} == before  # nothing indexed was lost


def test_options_may_stand_between_the_query_and_the_path(
    hostile: Hostile, capsys: pytest.CaptureFixture[str]
) -> None:
    """`explorer search QUERY --json PATH` used to fail with "unrecognized arguments"."""
    code = main(
        ["search", "zythlatin", "--json", str(hostile.corpus), "--index", str(hostile.index)]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    assert [h["file"] for h in json.loads(out)["hits"]] == ["latin1.txt"]
    code = main(["search", "--index", str(hostile.index), "--", "-zythlatin", str(hostile.corpus)])
    out, err = capsys.readouterr()
    assert code == 0 and "zythlatin" in out  # `--` still ends the options
