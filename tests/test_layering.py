"""The architecture rules: index never imports the UI; explorer never imports whoosh;
the command line's commands never load Textual."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def modules_of(package: str) -> list[str]:
    """Every module of a package, subpackages included, found on disk."""
    found = [package]
    for info in pkgutil.walk_packages([str(ROOT / package)], prefix=f"{package}."):
        found.append(info.name)
    return sorted(found)


def imported_after(code: str) -> set[str]:
    probe = code + "\nimport sys\nprint('\\n'.join(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return {name.split(".")[0] for name in result.stdout.split()}


def test_index_never_loads_the_ui() -> None:
    modules = modules_of("index")
    assert "index.library" in modules and any(m.startswith("index.readers.") for m in modules)
    code = "\n".join(f"import {name}" for name in modules)
    code += "\nfrom index import Library, BUNDLED_CORPUS\nimport tempfile, pathlib\n"
    code += "lib = Library(BUNDLED_CORPUS, pathlib.Path(tempfile.mkdtemp()))\n"
    code += "lib.build(workers=1)\nlib.search('meta')\nlib.info()\n"
    loaded = imported_after(code)
    assert "whoosh" in loaded  # the probe did reach the index
    assert "textual" not in loaded
    assert "explorer" not in loaded


def test_explorer_never_loads_whoosh_itself() -> None:
    modules = modules_of("explorer")
    assert {"explorer.cli", "explorer.cli_render"} <= set(modules)
    loaded = imported_after("\n".join(f"import {name}" for name in modules))
    assert "whoosh" not in loaded
    if "explorer.app" in modules:
        assert "textual" in loaded  # the probe did import the app


def test_commands_never_load_textual() -> None:
    code = (
        "import tempfile\nfrom explorer.cli import main\n"
        "import explorer.cli_render, explorer.cli_analysis\n"
        "import contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(['search', 'closed', '--json', '--index', tempfile.mkdtemp()])\n"
        "assert code == 0, code\n"
    )
    loaded = imported_after(code)
    assert "textual" not in loaded


_FORBIDDEN = {
    "index": re.compile(
        r"^\s*(?:from|import)\s+(?:textual|explorer)\b"
        r"|import_module\(\s*[\"'](?:textual|explorer)|__import__\(\s*[\"'](?:textual|explorer)",
        re.M,
    ),
    "explorer": re.compile(
        r"^\s*(?:from|import)\s+whoosh\b"
        r"|import_module\(\s*[\"']whoosh|__import__\(\s*[\"']whoosh",
        re.M,
    ),
}


def test_no_forbidden_import_statements() -> None:
    for package, pattern in _FORBIDDEN.items():
        files = list((ROOT / package).rglob("*.py"))
        assert files
        for path in files:
            match = pattern.search(path.read_text(encoding="utf-8"))
            assert not match, f"{path.relative_to(ROOT)}: {match.group(0).strip() if match else ''}"


def test_the_forbidden_patterns_do_catch_imports() -> None:
    assert _FORBIDDEN["index"].search("    from textual.app import App\n")
    assert _FORBIDDEN["index"].search("import explorer.cli\n")
    assert _FORBIDDEN["explorer"].search("from whoosh import index\n")
    assert _FORBIDDEN["explorer"].search('mod = importlib.import_module("whoosh.query")\n')
    assert not _FORBIDDEN["explorer"].search("# whoosh stays behind index.Library\n")
