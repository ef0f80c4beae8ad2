"""ruff (lint and format) and mypy run clean, with the settings in pyproject.toml: part of
the one test command, so CI checks them too."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], capture_output=True, text=True, cwd=ROOT, timeout=300
    )


def test_ruff_check() -> None:
    result = tool("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = tool("ruff", "format", "--check", ".")
    assert result.returncode == 0, "run: ruff format .\n" + result.stdout + result.stderr


def test_mypy() -> None:
    result = tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ci_runs_the_readme_test_command() -> None:
    """The README's quick start is two commands; .ci/run runs the second one verbatim."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    commands = re.findall(r"```sh\n(.+?)\n```", quick_start, re.S)
    assert len(commands) == 2 and all("\n" not in c for c in commands), commands
    assert commands[0].endswith(".venv/bin/explorer")
    ci = ROOT / ".ci" / "run"
    script = ci.read_text(encoding="utf-8")
    assert os.access(ci, os.X_OK)
    assert script.startswith("#!/usr/bin/env bash\n") and "set -euo pipefail" in script
    assert commands[1] in script.splitlines()
