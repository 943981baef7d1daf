"""csx-desktop as a person starts it: --smoke on a file, --smoke on the demo, --demo staying up."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from csx_desktop.store import Store


def _env(home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "CSX_DESKTOP_HOME": str(home),
        "XDG_CONFIG_HOME": str(home / "config"),
    }


def test_smoke_on_a_round_file_exits_0(store: Store, round_path: Path, csx_home: Path) -> None:
    store.close()
    result = subprocess.run(
        [sys.executable, "-m", "csx_desktop", "--smoke", str(round_path)],
        env=_env(csx_home),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr


def test_smoke_without_a_file_builds_and_opens_the_demo(csx_home: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "csx_desktop", "--smoke"],
        env=_env(csx_home),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    demo = csx_home / "demo.csxawards"
    with Store.open(demo) as store:
        assert store.counts()["nominations"] >= 40


def test_smoke_on_a_file_that_is_not_a_round_exits_1_without_a_traceback(
    tmp_path: Path, csx_home: Path
) -> None:
    bad = tmp_path / "notes.csxawards"
    bad.write_text("just some notes")
    env = _env(csx_home)
    # The refusal is a message box; offscreen it would wait for a click, so the smoke run
    # must not show one: it reports to stderr instead.
    result = subprocess.run(
        [sys.executable, "-m", "csx_desktop", "--smoke", str(bad)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "not an awards round file" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_demo_starts_and_keeps_running(csx_home: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "csx_desktop", "--demo"],
        env=_env(csx_home),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not (csx_home / "demo.csxawards").exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)
        assert process.poll() is None, process.communicate()[1]
    finally:
        process.terminate()
        _, err = process.communicate(timeout=30)
    assert "Traceback" not in err
