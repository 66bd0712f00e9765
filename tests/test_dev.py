"""``./dev``: says what it installs and how long that takes, and is not silent meanwhile."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

DEV = Path(__file__).resolve().parent.parent / "dev"


def test_the_install_message_says_what_and_how_long() -> None:
    text = DEV.read_text(encoding="utf-8")
    announce = text[text.index('log "creating $VENV') :].split("\n    [ -x")[0]
    assert "spaCy" in announce
    assert re.search(r"usually \d+-\d+ minutes", announce), announce
    assert "usually 1-2 minutes" in text[text.index("installing Debian packages") :]


def test_a_long_step_reports_that_it_is_still_going(tmp_path: Path) -> None:
    body = re.search(r"^with_heartbeat\(\) \{.*?^\}", DEV.read_text(), re.S | re.M)
    assert body is not None
    script = (
        "set -euo pipefail\nHEARTBEAT=1\n" + body.group(0) + "\n"
        f"with_heartbeat {tmp_path / 'log'} sh -c 'echo fetching spacy; sleep 2.5; echo done'\n"
    )
    done = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr
    assert re.search(r"^    \.\.\. [12]s: fetching spacy$", done.stderr, re.M), done.stderr
    assert (tmp_path / "log").read_text() == "fetching spacy\ndone\n"
    failed = subprocess.run(
        ["bash", "-c", script.replace("echo done", "exit 3")], capture_output=True, timeout=30
    )
    assert failed.returncode == 3
