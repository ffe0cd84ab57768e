"""Drives a command in a pseudo-terminal like a person would: wait for a text, type keys.

Usage: python3 pty-drive.py STEPS_JSON -- CMD ARGS...
STEPS_JSON is a list of {"expect": "text", "send": "keys"}. Prints the whole transcript, then a
last line "EXIT <code>". Used by the interactive tests; needs only Python's standard library.
"""
import json
import os
import pty
import select
import sys
import time


def main() -> int:
    steps = json.loads(sys.argv[1])
    argv = sys.argv[sys.argv.index("--") + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(argv[0], argv)
    transcript = b""
    deadline = time.time() + 20

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
        while step["expect"].encode() not in transcript and time.time() < deadline:
            if not read_some(0.1):
                break
        time.sleep(0.1)
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
        _, status = os.waitpid(pid, 0)
    sys.stdout.write(transcript.decode("utf-8", "replace"))
    code = os.waitstatus_to_exitcode(status)
    sys.stdout.write(f"\nEXIT {code}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
