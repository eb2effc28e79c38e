"""scripts/run keeps the task worker going beside the server: started again if it stops, stopped with the server.

The loop is `keep_running_while` in scripts/lib.sh. These tests run it with a stand-in server (`sleep`) and a
stand-in worker (a line of shell), so they need bash but not Django.
"""

import os
import signal
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def supervise(server_pid, worker_command, tmp_path):
    """Start keep_running_while in the background, watching `server_pid`, the way scripts/run does."""
    script = f"source \"{ROOT}/scripts/lib.sh\"; keep_running_while {server_pid} bash -c '{worker_command}'"
    return subprocess.Popen(  # noqa: S603 - bash from the system, running our own script
        ["bash", "-c", script],  # noqa: S607
        cwd=tmp_path,
        env={**os.environ, "WORKER_CHECK_SECONDS": "0.1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_a_worker_that_crashes_is_started_again_while_the_server_runs(tmp_path):
    starts = tmp_path / "starts"
    server = subprocess.Popen(["sleep", "60"])  # noqa: S607
    supervisor = supervise(server.pid, f'echo started >> "{starts}"; exit 3', tmp_path)
    try:
        assert wait_for(lambda: starts.exists() and len(starts.read_text().splitlines()) >= 3)
    finally:
        server.kill()
        server.wait()
    output, _ = supervisor.communicate(timeout=30)
    assert "The task worker stopped (exit status 3). Starting it again in 1 second." in output
    assert "Starting it again in 2 seconds." in output


def test_the_worker_stops_when_the_server_stops(tmp_path):
    worker_pid = tmp_path / "worker.pid"
    server = subprocess.Popen(["sleep", "60"])  # noqa: S607
    supervisor = supervise(server.pid, f'echo $$ > "{worker_pid}"; exec sleep 60', tmp_path)
    assert wait_for(lambda: worker_pid.exists() and worker_pid.read_text().strip())
    pid = int(worker_pid.read_text())
    assert process_is_running(pid)

    server.send_signal(signal.SIGTERM)
    server.wait()
    supervisor.communicate(timeout=30)

    assert wait_for(lambda: not process_is_running(pid))
    assert supervisor.returncode == 0


def process_is_running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A process that has ended but not been collected yet is a zombie: it is not running.
    status = Path(f"/proc/{pid}/stat")
    return not (status.exists() and status.read_text().split(") ")[-1].startswith("Z"))
