"""Measured steps run in fresh processes (:mod:`bench._child`), with their peak memory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["BenchError", "Step", "StepTimeoutError", "run_step", "run_steps_together"]

_ROOT = Path(__file__).resolve().parent.parent


class BenchError(Exception):
    """A benchmark step failed; the message names the step and ends with its error output."""


class StepTimeoutError(BenchError):
    """A benchmark step ran past its time limit and was stopped."""


@dataclass(frozen=True)
class Step:
    """What one child process measured."""

    result: dict[str, Any]
    peak_rss_mb: float


def run_step(
    kind: str,
    args: dict[str, Any],
    workdir: Path,
    *,
    timeout: float | None = None,
    nice: int = 0,
    progress: Path | None = None,
) -> Step:
    """Run ``python -m bench._child KIND`` with ``args``; its result and peak RSS.

    With ``progress`` (a file the step appends to as it goes), ``timeout`` counts from the
    step's start or the file's last growth, whichever is later: a step of many parts is
    stopped when one part runs past the limit. ``nice`` lowers the child's scheduling
    priority (``os.nice``): a step run beside another at ``nice=19`` gets only the CPU time
    the other leaves unused.

    Raises
    ------
    StepTimeoutError
        When the step runs longer than ``timeout`` seconds (it is killed).
    BenchError
        When the step exits non-zero (the message ends with the last lines it printed).
    """
    workdir.mkdir(parents=True, exist_ok=True)
    tag = f"{kind}-{os.getpid()}-{len(list(workdir.glob('*.args.json')))}"
    args_path, out_path = workdir / f"{tag}.args.json", workdir / f"{tag}.out.json"
    err_path = workdir / f"{tag}.stderr.txt"
    args_path.write_text(json.dumps(args), encoding="utf-8")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_ROOT), env.get("PYTHONPATH")]))
    with err_path.open("wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bench._child", kind, str(args_path), str(out_path)],
            cwd=_ROOT,
            env=env,
            stdout=err,
            stderr=err,
            preexec_fn=(lambda: os.nice(nice)) if nice else None,
        )
        deadline = None if timeout is None else time.monotonic() + timeout
        size = 0
        while True:
            pid, status, usage = os.wait4(proc.pid, 0 if deadline is None else os.WNOHANG)
            if pid:
                break
            if progress is not None and timeout is not None and progress.is_file():
                grown = progress.stat().st_size
                if grown != size:
                    size, deadline = grown, time.monotonic() + timeout
            if deadline is not None and time.monotonic() > deadline:
                os.kill(proc.pid, signal.SIGKILL)
                os.wait4(proc.pid, 0)
                proc.returncode = -9
                raise StepTimeoutError(f"the {kind} step did not finish in {timeout:g} s")
            time.sleep(0.05)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0 or not out_path.is_file():
        tail = err_path.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-5:]
        raise BenchError(
            f"the {kind} step failed (exit {proc.returncode}; log {err_path}): " + " / ".join(tail)
        )
    result = json.loads(out_path.read_text(encoding="utf-8"))
    return Step(result, usage.ru_maxrss / 1024)  # ru_maxrss is in KiB on Linux


def run_steps_together(
    steps: list[tuple[str, dict[str, Any]]],
    workdir: Path,
    *,
    timeout: float | None = None,
    nice: tuple[int, ...] = (),
) -> list[Step]:
    """Run several steps at the same time (each in its own process); their results in order.

    ``nice[i]`` is the scheduling niceness of step ``i`` (default 0). Sharing the CPUs
    changes timings: use it for what sharing does not change (peak memory, CPU seconds of a
    one-thread step), or give the step whose wall time counts the machine first (the others
    at ``nice=19``).
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=len(steps)) as pool:
        futures = [
            pool.submit(
                run_step,
                kind,
                args,
                workdir / f"together-{i}",
                timeout=timeout,
                nice=nice[i] if i < len(nice) else 0,
            )
            for i, (kind, args) in enumerate(steps)
        ]
        return [f.result() for f in futures]
