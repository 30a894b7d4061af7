"""Run a command as a child process and measure it like /usr/bin/time -v.

    python measure.py [--rounds N] -- COMMAND [ARG...]

Prints one line of JSON: the best wall and CPU seconds (user + sys of the child and every
descendant it waited for) over N rounds, the largest peak resident set (ru_maxrss: the largest
single process of the tree, not their sum), the exit status, the last output line, and `inner`:
the command's own last line when it is JSON (the workloads print their numbers that way).
Standard library only.

The command runs under GNU time (`/usr/bin/time -f %M`) when it exists, and its peak comes from
there: Linux carries a process's ru_maxrss over from the memory of whoever forked it (fork and
vfork alike), so a child spawned straight from this Python would report at least Python's own
~15 MB. GNU time is a small process, and its child's peak is the command's own.
"""

import json
import os
import subprocess
import sys
import tempfile
import time


GNU_TIME = "/usr/bin/time"


def run_once(command):
    with tempfile.TemporaryFile() as output, tempfile.NamedTemporaryFile("r") as peak:
        spawned = command
        if os.access(GNU_TIME, os.X_OK):
            spawned = [GNU_TIME, "-f", "%M", "-o", peak.name, "--"] + command
        start = time.perf_counter()
        child = subprocess.Popen(spawned, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        output.seek(0)
        lines = [line for line in output.read().decode("utf-8", "replace").splitlines() if line.strip()]
        peak_kb = usage.ru_maxrss
        if spawned is not command:
            # GNU time writes "Command exited with non-zero status N" before %M when it fails.
            words = peak.read().split()
            peak_kb = int(words[-1]) if words and words[-1].isdigit() else peak_kb
    return {
        "wall_seconds": wall,
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
        "peak_rss_bytes": peak_kb * 1024,
        "exit_status": child.returncode,
        "last_line": lines[-1] if lines else "",
        "output_tail": lines[-5:],
    }


def main(argv):
    rounds = 1
    if "--" not in argv:
        print(__doc__, file=sys.stderr)
        return 2
    split = argv.index("--")
    options, command = argv[1:split], argv[split + 1:]
    if options[:1] == ["--rounds"]:
        rounds = int(options[1])
    runs = [run_once(command) for _ in range(rounds)]
    best = min(runs, key=lambda r: r["wall_seconds"])
    result = dict(best)
    result["cpu_seconds"] = min(r["cpu_seconds"] for r in runs)
    result["peak_rss_bytes"] = max(r["peak_rss_bytes"] for r in runs)
    result["exit_status"] = max((r["exit_status"] for r in runs), key=abs)
    result["rounds"] = rounds
    result["command"] = command
    try:
        result["inner"] = json.loads(best["last_line"])
    except ValueError:
        result["inner"] = None
    print(json.dumps(result, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
