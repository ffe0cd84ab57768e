"""Drives a command in a pseudo-terminal like a person would: wait for a text, type keys.

Usage: python3 pty-drive.py STEPS_JSON -- CMD ARGS...
STEPS_JSON is a list of {"expect": "text", "send": "keys"}; each expect is looked for after the
previous one's match. Prints the whole transcript, then a last line "EXIT <code>" (and a line
"TIMEOUT <text>" before it when an expected text never came). The terminal is 80x24 unless
PTY_COLS / PTY_ROWS say otherwise; PTY_DEADLINE is the run's time limit in seconds (default 20).
Used by the interactive tests; needs only Python's standard library.
"""
import fcntl
import json
import os
import pty
import select
import struct
import sys
import termios
import time


def main() -> int:
    steps = json.loads(sys.argv[1])
    argv = sys.argv[sys.argv.index("--") + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    rows = int(os.environ.get("PTY_ROWS", "24"))
    cols = int(os.environ.get("PTY_COLS", "80"))
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    transcript = b""
    deadline = time.time() + float(os.environ.get("PTY_DEADLINE", "20"))
    position = 0
    timeout = None

    def read_some(timeout: float) -> bool:
        nonlocal transcript
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(fd, 4096)
        except OSError:
            return False
        if not data:
            return False
        transcript += data
        return True

    for step in steps:
        want = step["expect"].encode()
        while transcript.find(want, position) < 0 and time.time() < deadline:
            if not read_some(0.1):
                break
        found = transcript.find(want, position)
        if found < 0:
            timeout = step["expect"]
            break
        position = found + len(want)
        time.sleep(0.15)
        os.write(fd, step["send"].encode())
    while time.time() < deadline and read_some(0.2):
        _, status = os.waitpid(pid, os.WNOHANG)
        if _ == pid:
            while read_some(0.05):
                pass
            break
    else:
        status = None
    if status is None:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done != pid and (timeout is not None or time.time() >= deadline):
            os.kill(pid, 9)
        if done != pid:
            _, status = os.waitpid(pid, 0)
    sys.stdout.write(transcript.decode("utf-8", "replace"))
    if timeout is not None:
        sys.stdout.write(f"\nTIMEOUT {timeout}")
    code = os.waitstatus_to_exitcode(status)
    sys.stdout.write(f"\nEXIT {code}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
