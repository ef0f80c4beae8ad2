"""Reading corpora: walking, the manifest, a folder of every format, broken files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from index import BUNDLED_CORPUS, ReadError, read_corpus
from index.corpus import corpus_files
from index.manifest import load_manifest

ARTICLE = (
    "The harbour authority met on Monday to discuss dredging, fees and the new ferry "
    "timetable, which residents say will change their commute for good."
)


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_bundled_corpus_reads_with_its_manifest() -> None:
    result = read_corpus(BUNDLED_CORPUS)
    assert len(result.articles) == 5 and not result.skipped
    assert len({a.outlet for a in result.articles}) == 5
    beamstart = next(a for a in result.articles if a.file.startswith("003"))
    assert beamstart.date == "2025-07-15T08:32:03Z"
    assert beamstart.meta.date.confidence == "inferred"
    assert beamstart.meta.author.value == "Andrew Lee"
    assert "HomeNews" not in beamstart.text and "Copyright" not in beamstart.text
    for article in result.articles:
        assert article.meta.language.value == "en"


def test_walk_skips_hidden_and_manifest_and_survives_symlink_loops(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / ".hidden.txt", ARTICLE)
    write(tmp_path / ".git" / "b.txt", ARTICLE)
    write(tmp_path / "sub dir" / "ünï cödé.txt", ARTICLE + " Second.")
    write(tmp_path / "manifest.toml", "")
    (tmp_path / "sub dir" / "loop").symlink_to(tmp_path, target_is_directory=True)
    names = [p.relative_to(tmp_path).as_posix() for p in corpus_files(tmp_path)]
    assert names == ["a.txt", "sub dir/ünï cödé.txt"]
    result = read_corpus(tmp_path)
    assert {a.file for a in result.articles} == {"a.txt", "sub dir/ünï cödé.txt"}


def test_duplicates_are_reported_not_returned_twice(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE + "\n")
    result = read_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["a.txt"]
    assert [(d.file, d.same_as) for d in result.duplicates] == [("b.txt", "a.txt")]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_skipped_with_a_reason(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    locked = write(tmp_path / "locked.txt", ARTICLE + " Locked.")
    locked.chmod(0)
    result = read_corpus(tmp_path)
    assert [s.file for s in result.skipped] == ["locked.txt"]
    assert "cannot be read" in result.skipped[0].reason


RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Ferry fees rise</title><link>https://wire.example/2025/03/02/fees</link>
<pubDate>Sun, 02 Mar 2025 09:00:00 GMT</pubDate><description>Ferry fees rise by ten percent
from April, the harbour authority said, citing higher fuel costs and repairs.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Coast Post</title><entry><title>Dredging starts</title>
<link href="https://coast.example/dredging"/><updated>2025-03-03T08:00:00Z</updated>
<content type="html">&lt;p&gt;Dredging of the harbour mouth starts next week and will last two
months, the authority said on Monday.&lt;/p&gt;</content></entry></feed>"""
HTML = """<!doctype html><html lang="en"><head><title>Timetable changes - Harbour Times</title>
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2025-03-04T07:00:00Z">
<meta name="author" content="Ann Writer"></head><body><nav>Home News Sport</nav>
<article><h1>Timetable changes</h1>
<p>The new ferry timetable adds two early sailings on weekdays and drops the last
evening crossing, the operator announced on Tuesday after months of talks.</p>
<p>Commuters welcomed the early boats, but late-shift workers say they will have no way
home after ten, and the union has asked for the evening crossing to be restored.</p>
<p>The operator said it would review the timetable in the autumn once figures are in.</p>
</article><script>alert("x")</script><footer>© Harbour Times</footer></body></html>"""


def test_a_folder_of_every_format_with_a_broken_file_of_each(tmp_path: Path) -> None:
    write(tmp_path / "plain.txt", ARTICLE)
    write(
        tmp_path / "front.md",
        "---\ntitle: Harbour fees\noutlet: Harbour Post\ndate: 2025-03-01\nauthor: Jo Smith\n"
        "lang: en\ndesk: city\n---\n" + ARTICLE.replace("Monday", "Friday"),
    )
    write(tmp_path / "page.html", HTML)
    write(tmp_path / "one.json", json.dumps({"title": "JSON story", "source": "J Wire",
                                              "text": ARTICLE.replace("ferry", "bus")}))  # fmt: skip
    write(
        tmp_path / "many.jsonl",
        json.dumps({"title": "L1", "text": ARTICLE.replace("fees", "tolls")}) + "\n"
        "{broken line\n"
        + json.dumps({"title": "L2", "text": ARTICLE.replace("new", "old")})
        + "\n",
    )
    write(tmp_path / "table.csv", "title,outlet,body\nCSV story,C Daily,"
          f"\"{ARTICLE.replace('residents', 'sailors')}\"\n")  # fmt: skip
    write(tmp_path / "feed.rss", RSS)
    write(tmp_path / "feed.atom", ATOM)
    broken = {
        "broken.json": "{oops",
        "broken.jsonl": "{nope\n[also not\n",
        "broken.csv": "name,age\nx,1\n",
        "broken.xml": "<rss><channel><item><title>x",
        "broken.html": "<html><body><nav>Home</nav><div>Shop now</div></body></html>",
        "empty.txt": "   \n\n",
    }
    for name, text in broken.items():
        write(tmp_path / name, text)
    write(tmp_path / "image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    write(tmp_path / "front-broken.md", "---\ntitle: [unclosed\n---\n" + ARTICLE + " Extra.")
    result = read_corpus(tmp_path)
    by_file = {a.file: a for a in result.articles}
    assert {"plain.txt", "front.md", "page.html", "one.json", "table.csv", "feed.rss",
            "feed.atom", "front-broken.md"} <= set(by_file)  # fmt: skip
    assert sum(1 for a in result.articles if a.file == "many.jsonl") == 2
    front = by_file["front.md"]
    assert (front.title, front.outlet, front.date, front.meta.author.value) == (
        "Harbour fees", "Harbour Post", "2025-03-01", "Jo Smith")  # fmt: skip
    assert front.meta.title.source == "front-matter" and ("desk", "city") in front.meta.extra
    page = by_file["page.html"]
    assert page.title == "Timetable changes" and page.outlet == "Harbour Times"
    assert page.date is not None and page.date.startswith("2025-03-04")
    assert "alert" not in page.text and "Home News Sport" not in page.text
    assert by_file["feed.rss"].outlet == "Harbour Wire"
    assert by_file["feed.rss"].date is not None and by_file["feed.rss"].date.startswith(
        "2025-03-02"
    )
    assert by_file["feed.atom"].title == "Dredging starts"
    assert by_file["table.csv"].outlet == "C Daily"
    assert by_file["one.json"].outlet == "J Wire"
    skipped = {s.file: s.reason for s in result.skipped}
    for name in [*broken, "image.txt"]:
        problems = {**skipped, **{w.file: w.reason for w in result.warnings}}
        assert name in skipped or name in problems, name
    assert "broken.json" in skipped and "image.txt" in skipped and "broken.html" in skipped
    assert any(w.file == "many.jsonl" for w in result.warnings)
    assert any(w.file == "front-broken.md" for w in result.warnings)
    for reason in skipped.values():
        assert "\n" not in reason and reason


def test_manifest_toml_and_csv(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "b.txt", ARTICLE + " B.")
    write(
        tmp_path / "manifest.toml",
        '[defaults]\nlanguage = "en"\n\n[[article]]\nfile = "a.txt"\noutlet = "A Times"\n'
        'date = { value = "2025-03-01", confidence = "inferred", note = "from the archive" }\n\n'
        '[[article]]\nfile = "b.txt"\ndate = { after = "2025-02-01", before = "2025-02-28" }\n',
    )
    result = read_corpus(tmp_path)
    a, b = sorted(result.articles, key=lambda x: x.file)
    assert (a.outlet, a.meta.outlet.source, a.meta.outlet.confidence) == (
        "A Times", "manifest", "confirmed")  # fmt: skip
    assert (a.date, a.meta.date.confidence, a.meta.date.note) == (
        "2025-03-01", "inferred", "from the archive")  # fmt: skip
    assert (b.date, b.meta.date_earliest, b.meta.date_latest) == (None, "2025-02-01", "2025-02-28")
    assert b.meta.language.source == "manifest"
    (tmp_path / "manifest.toml").unlink()
    write(
        tmp_path / "manifest.csv",
        "file,outlet,date,date_confidence\na.txt,CSV Times,2025-03-05,inferred\n",
    )
    a = next(x for x in read_corpus(tmp_path).articles if x.file == "a.txt")
    assert (a.outlet, a.date, a.meta.date.confidence) == ("CSV Times", "2025-03-05", "inferred")


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[[article]\n", "not valid TOML"),
        ('[[article]]\noutlet = "x"\n', "no 'file'"),
        ('[[article]]\nfile = "a.txt"\npublisher = "x"\n', "unknown key 'publisher'"),
        (
            '[[article]]\nfile = "a.txt"\ndate = { value = "x", confidence = "sure" }\n',
            "confidence",
        ),
        ('[[article]]\nfile = "a.txt"\ndate = { after = "July" }\n', "not a date"),
    ],
)
def test_broken_manifest_is_named_in_one_line(tmp_path: Path, text: str, needle: str) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    write(tmp_path / "manifest.toml", text)
    with pytest.raises(ReadError) as caught:
        load_manifest(tmp_path)
    message = str(caught.value)
    assert message.startswith("manifest.toml: ") and needle in message and "\n" not in message
    result = read_corpus(tmp_path)
    assert [a.file for a in result.articles] == ["a.txt"]
    assert result.warnings[0].file == "manifest.toml"
