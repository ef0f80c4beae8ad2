"""The architecture rule: index never imports the UI; explorer never imports whoosh."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return {name.split(".")[0] for name in result.stdout.split()}


def test_index_never_loads_the_ui() -> None:
    modules = sorted(p.stem for p in (ROOT / "index").glob("*.py") if p.stem != "__init__")
    code = "import index\n" + "\n".join(f"import index.{m}" for m in modules)
    code += "\nimport index.readers\nfrom index import Library, BUNDLED_CORPUS\n"
    code += "import tempfile, pathlib\nd = tempfile.mkdtemp()\n"
    code += "lib = Library(BUNDLED_CORPUS, pathlib.Path(d))\nlib.build()\nlib.search('meta')\n"
    loaded = imported_after(code)
    assert "textual" not in loaded
    assert "explorer" not in loaded


def test_explorer_never_loads_whoosh_itself() -> None:
    modules = [p for p in (ROOT / "explorer").rglob("*.py")]
    names = [
        "explorer." + ".".join(p.relative_to(ROOT / "explorer").with_suffix("").parts)
        for p in modules
        if p.name != "__init__.py"
    ]
    loaded = imported_after("\n".join(f"import {name}" for name in ["explorer", *names]))
    assert "whoosh" not in loaded


def test_no_forbidden_import_statements() -> None:
    forbidden = {
        "index": re.compile(r"^\s*(?:from|import)\s+(?:textual|explorer)\b", re.M),
        "explorer": re.compile(r"^\s*(?:from|import)\s+whoosh\b", re.M),
    }
    for package, pattern in forbidden.items():
        for path in (ROOT / package).rglob("*.py"):
            assert not pattern.search(path.read_text(encoding="utf-8")), path
