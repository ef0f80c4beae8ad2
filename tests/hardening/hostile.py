"""A corpus folder holding every kind of hostile file at once, for the hardening tests
and for driving the real CLI and app by hand (`python -m tests.hardening.hostile DIR`).

Each readable file carries a distinctive word (`WORDS`) so a test can prove that its
article was indexed; each file that must be skipped is listed in `SKIPPED`.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

BODY = (
    "reported on Tuesday that the harbour council voted to expand the ferry network, "
    "a plan residents have argued about for years and which will cost the city dearly."
)
# Rich markup, ANSI CSI/OSC (title, OSC 8 hyperlink, OSC 52 clipboard), BiDi, zero-width
INJECTED = (
    "[bold]bold[/bold] [link=file:///etc/passwd]link[/link] [/] "
    "\x1b[31mred\x1b[0m \x1b[2J \x1b]0;pwned\x07 "
    "\x1b]8;;file:///etc/passwd\x1b\\click\x1b]8;;\x1b\\ "
    "\x1b]52;c;cm0gLXJmIH4=\x07 \u202egnp.exe\u202c \u2066iso\u2069 zero\u200bwidth\u200d"
)
# what no terminal may receive from explorer's output (table mode)
ESCAPES = ("\x1b", "\x07", "\x9b", "\u202e", "\u202c", "\u2066", "\u2069")

# file -> a word only its article holds
WORDS: dict[str, str] = {
    "latin1.txt": "zythlatin",
    "cp1252.txt": "zythwindows",
    "shiftjis.txt": "東京湾",
    "gb18030.txt": "港口委员会",
    "bom-utf8.txt": "zythbomeight",
    "bom-utf16.txt": "zythbomsixteen",
    "nul.txt": "zythnul",
    "mixed-eol.txt": "zytheol",
    "page.html": "zythhtml",
    "lines.jsonl": "zythjsonl",
    "ragged.csv": "zythragged",
    "not-yaml.md": "zythnotyaml",
    "bad-date.md": "zythbaddate",
    "future.md": "zythfuture",
    "with space ü.txt": "zythspace",
    "rtl.txt": "العبارات",
    "evil [bold]name[red] \x1b[31m\u202e.txt": "zythevilname",
    "injected.jsonl": "zythinjected",
    "injected.md": "zythfrontmatter",
}
EVIL_SKIPPED = "\x1b]0;pwned\x07 [bold]skip[red] \u202e.txt"  # an empty file: a skip line
SKIPPED = {"empty.txt", "blank.txt", "image.txt", "broken.rss", "broken.json", EVIL_SKIPPED}
SCRIPT_WORD = "zythscript"  # only inside <script>/<style>: never in an article


def article(word: str) -> str:
    return f"The {word} desk {BODY}"


def write_corpus(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    w = WORDS

    def put(name: str, data: bytes) -> None:
        (root / name).write_bytes(data)

    put("latin1.txt", f"Café déjà vu: {article(w['latin1.txt'])} Señor Müller.\n".encode("latin-1"))
    put("cp1252.txt", f"“Quoted” — {article(w['cp1252.txt'])} €5 cost.\n".encode("cp1252"))
    put("shiftjis.txt", (f"{w['shiftjis.txt']}の港湾委員会は火曜日、フェリー網の拡大を決めた。"
                         "住民は長年この計画について議論してきた。\n" * 3).encode("shift_jis"))  # fmt: skip
    put("gb18030.txt", (f"{w['gb18030.txt']}周二投票决定扩大渡轮网络，"
                        "居民多年来一直在争论这项计划，这将使城市付出高昂代价。\n" * 3).encode("gb18030"))  # fmt: skip
    put("bom-utf8.txt", b"\xef\xbb\xbf" + article(w["bom-utf8.txt"]).encode())
    put("bom-utf16.txt", article(w["bom-utf16.txt"]).encode("utf-16"))
    put("empty.txt", b"")
    put(EVIL_SKIPPED, b"")
    put("blank.txt", b"  \n\t\r\n   \n")
    put("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    put("nul.txt", f"{article(w['nul.txt'])}\x00\x00 and more.\n".encode())
    put(
        "mixed-eol.txt",
        f"First line.\r\n{article(w['mixed-eol.txt'])}\rThird.\nFourth.\r\n".encode(),
    )
    put(
        "page.html",
        (
            "<html><head><title>Ferry vote</title><style>.zythscript{color:red}</style>"
            "<script>var zythscript = 'steal'; document.write('zythscript')</script></head>"
            f"<body><article><h1>Ferry vote</h1><p>{article(w['page.html'])}</p>"
            f"<p>{BODY}</p><script>alert('zythscript')</script></article></body></html>"
        ).encode(),
    )
    good = {"title": "Good line", "source": "Wire", "text": article(w["lines.jsonl"])}
    put("lines.jsonl", (json.dumps(good) + "\n{not json\n[1, 2\n\n"
                        + json.dumps({**good, "text": BODY + " second"}) + "\n").encode())  # fmt: skip
    put(
        "ragged.csv",
        (
            "title,outlet,text\n"
            f"Ragged one,Daily,{article(w['ragged.csv'])}\n"
            "only a title\n"
            f"Too many,Daily,{BODY} extra,cell,here\n"
        ).encode(),
    )
    put("broken.json", b'{"title": "Cut short", "text": "never clo')
    put("broken.rss", b"<?xml version='1.0'?><rss version='2.0'><channel><title>x</ti")
    put(
        "not-yaml.md",
        f"---\ntitle: [unclosed\n  : : bad: {{\n---\n{article(w['not-yaml.md'])}\n".encode(),
    )
    put(
        "bad-date.md",
        f"---\ntitle: Bad date\ndate: 2025-13-45\n---\n{article(w['bad-date.md'])}\n".encode(),
    )
    put(
        "future.md",
        f"---\ntitle: Future\ndate: 2999-01-01\n---\n{article(w['future.md'])}\n".encode(),
    )
    put(
        "rtl.txt",
        (
            "صوت مجلس الميناء يوم الثلاثاء على توسيع شبكة العبارات، "
            "وهي خطة يتجادل حولها السكان منذ سنوات وستكلف المدينة الكثير.\n" * 3
        ).encode(),
    )
    put("with space ü.txt", article(w["with space ü.txt"]).encode())
    put(
        "evil [bold]name[red] \x1b[31m\u202e.txt",
        article(w["evil [bold]name[red] \x1b[31m\u202e.txt"]).encode(),
    )
    put(
        "injected.jsonl",
        (
            json.dumps(
                {
                    "title": f"Title {INJECTED}",
                    "source": f"Outlet {INJECTED}",
                    "author": f"Author {INJECTED}",
                    "url": "https://evil.example/\x1b[31m[link=file:///etc/passwd]x[/link]",
                    "date": "2025-07-15",
                    "text": f'{article(w["injected.jsonl"])} Said "{INJECTED}", the spokesman said. {INJECTED}',
                }
            )
            + "\n"
        ).encode(),
    )
    put(
        "injected.md",
        (
            f'---\ntitle: "FM {json.dumps(INJECTED)[1:-1]}"\noutlet: "[red]Outlet[/red]"\n'
            f"file: ../../etc/passwd\nurl: file:///etc/passwd\n---\n"
            f"{article(w['injected.md'])} {INJECTED}\n"
        ).encode(),
    )
    loop = root / "loop"
    loop.mkdir(exist_ok=True)
    if not (loop / "again").is_symlink():
        os.symlink("..", loop / "again")
    return root


if __name__ == "__main__":
    print(write_corpus(Path(sys.argv[1])))
